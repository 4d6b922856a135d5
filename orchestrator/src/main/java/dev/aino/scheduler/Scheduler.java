package dev.aino.scheduler;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Places instances on nodes. Pure and deterministic: it reads a {@link ClusterSnapshot}, never the
 * store, and the same snapshot, seed and requests always give the same decisions. Holds no state
 * between calls, so one scheduler may serve any number of snapshots (one at a time per snapshot; a
 * snapshot is not thread-safe).
 */
public final class Scheduler {
  private final SchedulerConfig config;

  public Scheduler(SchedulerConfig config) {
    this.config = Validate.required("config", config);
  }

  public SchedulerConfig config() {
    return config;
  }

  /**
   * Places {@code requests} in order, assigning each placement to {@code snapshot} before the next
   * request is considered, so a batch never over-commits a node. A request is left unplaced only
   * when no node of the snapshot takes it. To plan without changing the snapshot, pass a {@link
   * ClusterSnapshot#copy()}.
   *
   * @throws ValidationException when a request is null or two share an instance id
   */
  public SchedulingResult schedule(ClusterSnapshot snapshot, List<PlacementRequest> requests) {
    Validate.required("snapshot", snapshot);
    Validate.required("requests", requests);
    Set<String> ids = new HashSet<>(requests.size() * 2);
    for (int i = 0; i < requests.size(); i++) {
      PlacementRequest request = Validate.required("requests[" + i + "]", requests.get(i));
      if (!ids.add(request.instanceId())) {
        throw new ValidationException(
            "requests[" + i + "].instanceId",
            "duplicate instance \"" + request.instanceId() + "\" in one batch");
      }
    }
    BatchPlacement pass = new BatchPlacement(snapshot, config);
    for (PlacementRequest request : requests) {
      pass.place(request);
    }
    return pass.result();
  }

  /**
   * Counts, without placing anything, how many nodes would take {@code request} and why the others
   * would not: the answer to "why is this instance pending?".
   */
  public FitReport explain(ClusterSnapshot snapshot, PlacementRequest request) {
    Validate.required("snapshot", snapshot);
    Validate.required("request", request);
    PlacementStages stages = PlacementStages.standard(snapshot);
    FilterVerdicts verdicts = new FilterVerdicts(stages, snapshot, request);
    return new RejectionTally(stages, snapshot, request, verdicts, 0).report();
  }
}
