/**
 * The one HTTP server of {@code aino up} (Javalin 7 on Jetty 12) and what every route shares:
 * bearer-token authentication, the mapping of {@link dev.aino.error.ErrorCode} to HTTP status, and
 * {@code /healthz}. Other modules add their routes as {@link dev.aino.server.http.HttpComponent}s.
 */
package dev.aino.server.http;
