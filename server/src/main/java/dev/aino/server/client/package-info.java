/**
 * A client of the REST API v1 for the {@code aino} command's verbs: typed requests over {@link
 * java.net.http.HttpClient}, errors as {@link dev.aino.error.AinoException}s carrying the server's
 * code and message, and list pages followed to the end.
 */
package dev.aino.server.client;
