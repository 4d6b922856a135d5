package dev.aino.api.impl;

import dev.aino.api.ApplyOutcome;
import dev.aino.api.PlanResult;
import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.reconcile.Plan;
import dev.aino.reconcile.WorkloadPlanner;
import dev.aino.scheduler.ClusterSnapshot;
import dev.aino.scheduler.FitReport;
import dev.aino.scheduler.PlacementDecision;
import dev.aino.scheduler.PlacementRequest;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulingResult;
import dev.aino.scheduler.Unplaced;
import dev.aino.store.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "what would apply do?" with the real planner and scheduler on a private snapshot, so the
 * answer is the one the controller would reach, and nothing is written.
 */
final class DryRun {
  private final StateStore store;
  private final Scheduler scheduler;
  private final WorkloadPlanner planner;
  private final Clock clock;

  DryRun(StateStore store, Scheduler scheduler, WorkloadPlanner planner, Clock clock) {
    this.store = store;
    this.scheduler = scheduler;
    this.planner = planner;
    this.clock = clock;
  }

  PlanResult plan(String name, WorkloadSpec spec) {
    Optional<Workload> existing = store.workload(name);
    Workload target =
        existing
            .map(w -> w.withSpec(spec))
            .orElseGet(() -> Workload.create(name, spec, clock.instant()));
    ApplyOutcome outcome =
        existing.isEmpty()
            ? ApplyOutcome.CREATED
            : target.equals(existing.get()) ? ApplyOutcome.UNCHANGED : ApplyOutcome.CONFIGURED;
    List<Instance> instances = store.instancesOf(name);
    boolean rolling =
        instances.stream()
            .anyMatch(
                i -> !i.phase().isTerminal() && !i.templateHash().equals(spec.templateHash()));
    Plan plan = planner.plan(target, instances, clock.instant());

    List<PlacementRequest> requests = new ArrayList<>();
    for (Instance i : plan.create()) {
      requests.add(PlacementRequest.of(i, spec));
    }
    ClusterSnapshot snapshot = ClusterSnapshot.of(store.nodes(), store.instances());
    SchedulingResult result = scheduler.schedule(snapshot, requests);

    // Counted by node and by reason: the instances' ids are drawn only when apply creates them.
    Map<String, Integer> byNode = new LinkedHashMap<>();
    for (PlacementDecision p : result.placed()) {
      byNode.merge(p.node(), 1, Integer::sum);
    }
    Set<String> nodes = byNode.keySet();
    Map<String, Integer> byReason = new LinkedHashMap<>();
    String firstReason = null;
    for (Unplaced u : result.unplaced()) {
      String reason = u.report().message();
      firstReason = firstReason == null ? reason : firstReason;
      byReason.merge(reason, 1, Integer::sum);
    }
    List<PlanResult.PlannedPlacement> placements = new ArrayList<>();
    byNode.forEach((node, n) -> placements.add(new PlanResult.PlannedPlacement(node, n, null)));
    byReason.forEach(
        (reason, n) -> placements.add(new PlanResult.PlannedPlacement(null, n, reason)));

    StringBuilder summary =
        new StringBuilder(name).append(" would be ").append(outcome.id()).append(": ");
    if (plan.create().isEmpty() && plan.stop().isEmpty()) {
      summary.append("no instance changes");
    } else {
      if (!result.placed().isEmpty()) {
        summary
            .append(result.placed().size())
            .append(result.placed().size() == 1 ? " new instance on " : " new instances on ")
            .append(String.join(", ", nodes));
      }
      if (!result.unplaced().isEmpty()) {
        summary
            .append(result.placed().isEmpty() ? "" : "; ")
            .append(result.unplaced().size())
            .append(" cannot be placed (")
            .append(firstReason)
            .append(')');
      }
      if (!plan.stop().isEmpty()) {
        summary
            .append(plan.create().isEmpty() ? "" : "; ")
            .append("stops ")
            .append(plan.stop().size());
      }
      if (rolling) {
        summary
            .append(" (rolling update, first step of maxSurge ")
            .append(spec.update().maxSurge())
            .append(", maxUnavailable ")
            .append(spec.update().maxUnavailable())
            .append(')');
      }
    }
    return new PlanResult(
        name,
        outcome,
        target.generation(),
        rolling,
        placements,
        plan.stop().size(),
        summary.toString());
  }

  /** The fit report of the workload's first instance that waits for a node, if one waits. */
  Optional<FitReport> pendingFit(Workload workload) {
    return store.instancesOf(workload.name()).stream()
        .filter(i -> i.node() == null && !i.phase().isTerminal() && i.desired() == DesiredState.RUN)
        .findFirst()
        .map(
            i ->
                scheduler.explain(
                    ClusterSnapshot.of(store.nodes(), store.instances()),
                    PlacementRequest.of(i, workload.spec())));
  }
}
