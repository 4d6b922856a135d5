package dev.aino.reconcile;

import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.scheduler.ClusterSnapshot;
import dev.aino.scheduler.PlacementDecision;
import dev.aino.scheduler.PlacementRequest;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulingResult;
import dev.aino.scheduler.Unplaced;
import dev.aino.store.StateStore;
import dev.aino.text.Counts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places every unplaced instance in one pass against one snapshot of the cluster, so that a batch
 * never over-commits a node, and writes the assignments in a few atomic batches. Instances that fit
 * nowhere stay PENDING with the scheduler's reason on them and one folded {@code FailedScheduling}
 * event on their workload; they are tried again when the cluster changes.
 */
public final class UnplacedInstancePlacer {
  private static final Logger LOG = LoggerFactory.getLogger(UnplacedInstancePlacer.class);

  private final StateStore store;
  private final ClusterCache cache;
  private final Scheduler scheduler;
  private final BatchWriter writer;

  /** What one pass did. */
  public record PassResult(int placed, int unplaced, int conflicts) {}

  public UnplacedInstancePlacer(StateStore store, ClusterCache cache, Scheduler scheduler) {
    this.store = store;
    this.cache = cache;
    this.scheduler = scheduler;
    this.writer = new BatchWriter(store, cache);
  }

  /** Runs one pass over the instances unplaced now. */
  public PassResult runOnce() {
    List<Instance> unplaced = cache.unplacedInstances();
    if (unplaced.isEmpty()) {
      return new PassResult(0, 0, 0);
    }
    Map<String, Instance> byId = new HashMap<>();
    List<PlacementRequest> requests = new ArrayList<>(unplaced.size());
    for (Instance i : unplaced) {
      Workload workload = cache.workload(i.workload()).orElse(null);
      if (workload == null || workload.isDeleting()) {
        continue; // its reconciler is about to stop it
      }
      byId.put(i.id(), i);
      requests.add(PlacementRequest.of(i, workload.spec()));
    }
    ClusterSnapshot snapshot = ClusterSnapshot.of(cache.nodes(), cache.instances());
    SchedulingResult result = scheduler.schedule(snapshot, requests);

    List<Instance> assigned = new ArrayList<>(result.placed().size());
    for (PlacementDecision p : result.placed()) {
      Instance i = byId.get(p.instanceId());
      assigned.add(
          i.toBuilder()
              .node(p.node())
              .network(p.network())
              .ports(p.ports())
              .transition(InstancePhase.SCHEDULED, "Scheduled", "assigned to node " + p.node())
              .build());
    }
    List<Instance> placed = writeAll(assigned);
    int conflicts = assigned.size() - placed.size();
    // Only what was written is announced: a placement that lost its race is tried again.
    Map<String, Integer> placedPerWorkload = new LinkedHashMap<>();
    placed.forEach(i -> placedPerWorkload.merge(i.workload(), 1, Integer::sum));

    List<Instance> marked = new ArrayList<>();
    Map<String, String> reportPerWorkload = new LinkedHashMap<>();
    Map<String, Integer> unplacedPerWorkload = new HashMap<>();
    for (Unplaced u : result.unplaced()) {
      Instance i = byId.get(u.instanceId());
      String message = u.report().message();
      reportPerWorkload.putIfAbsent(i.workload(), message);
      unplacedPerWorkload.merge(i.workload(), 1, Integer::sum);
      if (!InstanceReasons.UNSCHEDULABLE.equals(i.reason()) || !message.equals(i.message())) {
        marked.add(i.toBuilder().reason(InstanceReasons.UNSCHEDULABLE).message(message).build());
      }
    }
    conflicts += marked.size() - writeAll(marked).size();

    placedPerWorkload.forEach(
        (workload, n) ->
            store.recordEvent(
                ObjectRef.workload(workload), EventType.NORMAL, "Scheduled", "placed " + count(n)));
    reportPerWorkload.forEach(
        (workload, message) ->
            store.recordEvent(
                ObjectRef.workload(workload),
                EventType.WARNING,
                "FailedScheduling",
                count(unplacedPerWorkload.get(workload)) + " pending: " + message));
    if (!result.unplaced().isEmpty()) {
      LOG.debug("{} instances unplaced", result.unplaced().size());
    }
    return new PassResult(placed.size(), result.unplaced().size(), conflicts);
  }

  private static String count(int n) {
    return Counts.of(n, "instance");
  }

  /**
   * Writes the instances as updates; returns those written. A batch lost to a race is left out
   * whole and retried on the next pass.
   */
  private List<Instance> writeAll(List<Instance> updates) {
    List<Instance> written = new ArrayList<>(updates.size());
    for (int start = 0; start < updates.size(); start += BatchWriter.MAX_BATCH) {
      List<Instance> batch =
          updates.subList(start, Math.min(updates.size(), start + BatchWriter.MAX_BATCH));
      try {
        writer.commit(BatchWriter.updates(batch));
        written.addAll(batch);
      } catch (ConflictException | NotFoundException race) {
        // Retried on the next pass, against the newer state.
      }
    }
    return written;
  }
}
