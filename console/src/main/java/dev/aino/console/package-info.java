/**
 * The web console at {@code /}: pages rendered on the server from jte templates precompiled at
 * build time, made live by htmx and its SSE extension, over {@link
 * dev.aino.api.OrchestratorService} and the store's {@link dev.aino.api.ChangeFeed}. It knows
 * nothing of the HTTP server it is mounted on: the server passes in who is calling and how a
 * console login is checked.
 */
package dev.aino.console;
