/**
 * The control loop: a watch-fed cache, the de-duplicating {@link dev.aino.work.KeyedWorkQueue} of
 * workload names, the pure {@link dev.aino.reconcile.WorkloadPlanner} with its compare-and-swap
 * apply step, the scheduling pass that places unplaced instances, and node lifecycle from
 * heartbeats. Level-triggered throughout: every step reads current state, so repeating one changes
 * nothing.
 */
package dev.aino.reconcile;
