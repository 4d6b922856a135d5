package dev.aino.reconcile;

import dev.aino.model.Instance;
import java.util.List;

/**
 * What one reconcile pass of a workload will write. The planner fills it without touching the
 * store; the reconciler applies it with compare-and-swap writes.
 *
 * @param create new pending instances
 * @param stop instances to stop: copies with desired STOP (or, never placed, already TERMINATED)
 * @param delete terminal instances to garbage-collect
 * @param deleteWorkload true when the workload is being deleted and nothing of it is left
 * @param summary one line for events and logs, e.g. {@code created 2, stopped 1 (rolling update)}
 */
public record Plan(
    List<Instance> create,
    List<Instance> stop,
    List<Instance> delete,
    boolean deleteWorkload,
    String summary) {

  public Plan {
    create = List.copyOf(create);
    stop = List.copyOf(stop);
    delete = List.copyOf(delete);
  }

  /** True when applying the plan changes nothing. */
  public boolean isEmpty() {
    return create.isEmpty() && stop.isEmpty() && delete.isEmpty() && !deleteWorkload;
  }
}
