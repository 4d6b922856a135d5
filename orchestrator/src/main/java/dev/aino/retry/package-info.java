/**
 * How long to wait before trying again. One exponential {@link dev.aino.retry.Backoff} serves the
 * work queue ({@link dev.aino.work.KeyedWorkQueue}, for the controller and the node agent),
 * container restarts and every client that retries (A2A push delivery, an agent reconnecting to its
 * server), so all of them double, cap and overflow the same way.
 */
package dev.aino.retry;
