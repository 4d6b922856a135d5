/**
 * How long to wait before trying again. One exponential {@link dev.aino.retry.Backoff} serves the
 * controller's work queue, the node agent's queue, container restarts and every client that retries
 * (A2A push delivery, an agent reconnecting to its server), so all of them double, cap and overflow
 * the same way.
 */
package dev.aino.retry;
