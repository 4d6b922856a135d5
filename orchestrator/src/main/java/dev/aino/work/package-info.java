/**
 * The one work queue: {@link dev.aino.work.KeyedWorkQueue} runs a handler for keys the way
 * client-go's and controller-runtime's queues do (a key waits at most once, is never handled by two
 * workers at once, comes back when it was added while being handled, and is retried with {@link
 * dev.aino.retry.Backoff} when its handler fails). The controller queues workload names, the node
 * agent instance ids; both run on it, so de-duplication, back-off and shutdown behave the same on
 * both sides of the control plane.
 */
package dev.aino.work;
