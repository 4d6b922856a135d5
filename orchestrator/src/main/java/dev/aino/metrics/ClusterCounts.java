package dev.aino.metrics;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.WorkloadState;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * How many instances are in each phase, nodes in each status and workloads in each state, kept up
 * to date from the changes of a watch-fed cache (each with the object before and after), so that
 * reading them costs nothing like listing the store: a scrape of a million-instance cluster reads a
 * few counters.
 *
 * <p>Instance and node counts move by the difference each change makes. A workload's state is
 * derived from all its instances, so a change only marks its workload stale; the stale ones are
 * recomputed when the counts are read, once per workload however many of its instances changed in
 * between.
 */
public final class ClusterCounts {
  private final Map<InstancePhase, AtomicLong> instances = counters(InstancePhase.class);
  private final Map<NodeStatus, AtomicLong> nodes = counters(NodeStatus.class);
  private final Function<String, Optional<WorkloadState>> stateOf;
  private final Set<String> stale = ConcurrentHashMap.newKeySet();
  private final Map<String, WorkloadState> workloadStates = new ConcurrentHashMap<>();
  private final Map<WorkloadState, AtomicLong> workloads = counters(WorkloadState.class);

  /**
   * @param stateOf a workload's state now, or empty when it no longer exists; called only for
   *     workloads that changed since the last read
   */
  public ClusterCounts(Function<String, Optional<WorkloadState>> stateOf) {
    this.stateOf = stateOf;
  }

  private static <E extends Enum<E>> Map<E, AtomicLong> counters(Class<E> type) {
    Map<E, AtomicLong> out = new EnumMap<>(type);
    for (E value : type.getEnumConstants()) {
      out.put(value, new AtomicLong());
    }
    return out;
  }

  /** An instance changed from {@code before} to {@code after} (either null: created, deleted). */
  public void instanceChanged(Instance before, Instance after) {
    InstancePhase was = before == null ? null : before.phase();
    InstancePhase is = after == null ? null : after.phase();
    if (was != is) {
      if (was != null) {
        instances.get(was).decrementAndGet();
      }
      if (is != null) {
        instances.get(is).incrementAndGet();
      }
    }
    stale.add(after != null ? after.workload() : before.workload());
  }

  /** A node changed from {@code before} to {@code after} (either null: registered, removed). */
  public void nodeChanged(Node before, Node after) {
    NodeStatus was = before == null ? null : before.status();
    NodeStatus is = after == null ? null : after.status();
    if (was != is) {
      if (was != null) {
        nodes.get(was).decrementAndGet();
      }
      if (is != null) {
        nodes.get(is).incrementAndGet();
      }
    }
  }

  /** The workload named {@code name} was written or deleted. */
  public void workloadChanged(String name) {
    stale.add(name);
  }

  /** Instances in {@code phase} now. */
  public long instances(InstancePhase phase) {
    return instances.get(phase).get();
  }

  /** Nodes in {@code status} now. */
  public long nodes(NodeStatus status) {
    return nodes.get(status).get();
  }

  /** Workloads in {@code state} now; recomputes the states of workloads changed since last read. */
  public long workloads(WorkloadState state) {
    refreshStale();
    return workloads.get(state).get();
  }

  private void refreshStale() {
    if (stale.isEmpty()) {
      return;
    }
    synchronized (workloadStates) {
      for (String name : stale) {
        stale.remove(name);
        WorkloadState now = stateOf.apply(name).orElse(null);
        WorkloadState was =
            now == null ? workloadStates.remove(name) : workloadStates.put(name, now);
        if (was != now) {
          if (was != null) {
            workloads.get(was).decrementAndGet();
          }
          if (now != null) {
            workloads.get(now).incrementAndGet();
          }
        }
      }
    }
  }
}
