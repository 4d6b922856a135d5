/**
 * The node agent: what runs on every node. It registers the node and heartbeats, watches the
 * instances placed on it, starts and stops their containers through a {@link
 * dev.aino.runtime.ContainerRuntime}, applies restart policies with exponential back-off, runs
 * health checks, and reports every transition back to the store as a compare-and-swap update plus
 * an event.
 *
 * <p>It is level-triggered: each instance is synced by reading the instance and its container's
 * state and doing what the pair calls for, so a repeated or lost notification is harmless. Of an
 * {@link dev.aino.model.Instance}'s fields the control plane owns placement, {@code desired} and
 * the Lost phase; the agent owns every phase from Scheduled on, the container id, exit code,
 * restart count, readiness and timestamps.
 */
package dev.aino.agent;
