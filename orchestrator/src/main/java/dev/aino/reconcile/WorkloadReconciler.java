package dev.aino.reconcile;

import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.WriteOp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one workload: plans from the cached workload and instances ({@link WorkloadPlanner})
 * and applies the plan with compare-and-swap writes. Placing the new instances is the scheduling
 * loop's job, so that one pass can place the pending instances of every workload together.
 */
public final class WorkloadReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadReconciler.class);

  private final StateStore store;
  private final ClusterCache cache;
  private final WorkloadPlanner planner;
  private final BatchWriter writer;
  private final Clock clock;
  private final Runnable onPending;

  /**
   * @param onPending called after new pending instances were written (wakes the scheduler)
   */
  public WorkloadReconciler(
      StateStore store,
      ClusterCache cache,
      WorkloadPlanner planner,
      Clock clock,
      Runnable onPending) {
    this.store = store;
    this.cache = cache;
    this.planner = planner;
    this.writer = new BatchWriter(store, cache);
    this.clock = clock;
    this.onPending = onPending;
  }

  /**
   * Reconciles the workload named {@code name}, reading what is current (level-triggered: running
   * it again when nothing changed writes nothing); a thrown exception has the controller's queue
   * retry it after its back-off.
   *
   * @return when to look again even without a change, or null
   */
  public Duration reconcile(String name) {
    Workload workload = cache.workload(name).orElse(null);
    List<Instance> instances = cache.instancesOf(name);
    Plan plan = planner.plan(workload, instances, clock.instant());
    if (plan.isEmpty()) {
      return null;
    }
    List<WriteOp> ops = new ArrayList<>();
    plan.create().forEach(i -> ops.add(WriteOp.create(i)));
    plan.stop().forEach(i -> ops.add(WriteOp.update(i)));
    plan.delete().forEach(i -> ops.add(BatchWriter.deleteOf(i)));
    writer.commit(ops);
    if (!plan.create().isEmpty()) {
      onPending.run();
    }
    if (workload != null && (!plan.create().isEmpty() || !plan.stop().isEmpty())) {
      store.recordEvent(
          ObjectRef.workload(name),
          EventType.NORMAL,
          workload.isDeleting() ? "Deleting" : "Reconciled",
          plan.summary() + "; " + workload.spec().replicas() + " desired");
    }
    if (plan.deleteWorkload() && workload != null) {
      long revision =
          store.commit(
              List.of(new WriteOp.Delete(ObjectKind.WORKLOADS, name, workload.revision())));
      cache.observeDelete(ObjectKind.WORKLOADS, name, revision);
      store.recordEvent(ObjectRef.workload(name), EventType.NORMAL, "Deleted", "workload deleted");
      LOG.info("workload {} deleted", name);
    }
    return null;
  }
}
