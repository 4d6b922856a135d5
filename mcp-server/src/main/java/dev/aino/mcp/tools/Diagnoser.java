package dev.aino.mcp.tools;

import dev.aino.api.InstanceFilter;
import dev.aino.api.OrchestratorService;
import dev.aino.api.WorkloadStatus;
import dev.aino.error.AinoException;
import dev.aino.mcp.tools.Outputs.CrashLoop;
import dev.aino.mcp.tools.Outputs.Diagnosis;
import dev.aino.mcp.tools.Views.EventView;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.model.ObjectRef;
import dev.aino.model.Rejections;
import dev.aino.model.WorkloadState;
import dev.aino.runtime.LogQuery;
import dev.aino.scheduler.FitReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Explains in one answer why a workload is not healthy: its state, why pending instances cannot be
 * placed (the scheduler's fit report on each), which instances crash and how, the latest warnings,
 * and next steps in plain words.
 */
final class Diagnoser {
  private static final int MAX_CRASH_LOOPS = 10;

  /** Enough of a crashing container's output to see why, small enough for ten of them. */
  private static final LogQuery LAST_LINES = new LogQuery(20, null, 4 * 1024);

  private final OrchestratorService service;

  Diagnoser(OrchestratorService service) {
    this.service = service;
  }

  Diagnosis diagnose(String name) {
    WorkloadStatus status = service.workload(name);
    List<Instance> instances = service.instances(InstanceFilter.ofWorkload(name));
    List<String> pending = pendingReasons(instances);
    List<CrashLoop> crashes = crashLoops(instances);
    List<EventView> warnings = warnings(name, instances);
    boolean healthy = status.state().isSettled();
    Optional<FitReport> fit = pending.isEmpty() ? Optional.empty() : service.pendingFit(name);
    return new Diagnosis(
        name,
        status.state().label(),
        status.message(),
        healthy,
        pending,
        crashes,
        warnings,
        nextSteps(status, fit, crashes, healthy));
  }

  /** Distinct fit reports of pending instances, with how many instances each holds back. */
  private static List<String> pendingReasons(List<Instance> instances) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Instance i : instances) {
      if (i.phase() == InstancePhase.PENDING) {
        String why =
            i.message() == null || i.message().isEmpty()
                ? "waiting for the scheduler"
                : i.message();
        counts.merge(why, 1, Integer::sum);
      }
    }
    List<String> reasons = new ArrayList<>();
    counts.forEach((why, n) -> reasons.add(n + " instance(s) pending: " + why));
    return reasons;
  }

  private List<CrashLoop> crashLoops(List<Instance> instances) {
    return instances.stream()
        .filter(
            i -> i.restartCount() > 0 || i.phase() == InstancePhase.FAILED || i.waitsToPullImage())
        .sorted(Comparator.comparingInt(Instance::restartCount).reversed())
        .limit(MAX_CRASH_LOOPS)
        .map(this::crashLoop)
        .collect(Collectors.toList());
  }

  /** The instance with the last lines its container wrote, or why they cannot be read. */
  private CrashLoop crashLoop(Instance i) {
    List<String> lines = null;
    String unavailable = null;
    try {
      lines =
          service.logs(i.id(), LAST_LINES).lines().stream()
              .map(l -> Views.LogLineView.of(l).display())
              .collect(Collectors.toList());
    } catch (AinoException e) {
      unavailable = e.getMessage();
    }
    return new CrashLoop(
        i.id(),
        i.node(),
        i.phase().name(),
        i.restartCount(),
        i.exitCode(),
        i.reason(),
        i.message(),
        lines,
        unavailable);
  }

  /** Latest warnings about the workload and its instances, newest first. */
  private List<EventView> warnings(String name, List<Instance> instances) {
    List<Event> events = new ArrayList<>(service.events(ObjectRef.workload(name)));
    instances.stream()
        .limit(Recent.ITEMS)
        .forEach(i -> events.addAll(service.events(ObjectRef.instance(i.id()))));
    List<Event> warn =
        events.stream()
            .filter(e -> e.type() == EventType.WARNING)
            .sorted(Comparator.comparing(Event::lastSeen))
            .collect(Collectors.toList());
    return Recent.events(warn, Recent.EVENTS);
  }

  /** Whether the reason says the image could not be pulled, waiting to retry or for good. */
  private static boolean isPullFailure(String reason) {
    return InstanceReasons.ERR_IMAGE_PULL.equals(reason)
        || InstanceReasons.IMAGE_PULL_BACK_OFF.equals(reason)
        || InstanceReasons.IMAGE_PULL_FAILED.equals(reason);
  }

  /**
   * Plain-words advice from typed facts: the state, the scheduler's rejection counts as they are
   * now (never the text of a stored message) and the crash loops.
   */
  private static List<String> nextSteps(
      WorkloadStatus status, Optional<FitReport> fit, List<CrashLoop> crashes, boolean healthy) {
    List<String> steps = new ArrayList<>();
    Set<String> rejections = fit.map(f -> f.rejections().keySet()).orElse(Set.of());
    boolean noNodes = fit.map(f -> f.nodeCount() == 0).orElse(false);
    if (status.state() == WorkloadState.DELETING) {
      steps.add("The workload is being deleted; its instances are stopping. Nothing to fix.");
      return steps;
    }
    if (rejections.contains(Rejections.INSUFFICIENT_MEMORY)
        || rejections.contains(Rejections.INSUFFICIENT_CPU)) {
      steps.add(
          "No node has enough free CPU or memory: lower spec.resources with schedule_workload,"
              + " scale other workloads down, or add a node (list_nodes shows free resources).");
    }
    if (rejections.contains(Rejections.NODE_SELECTOR_MISMATCH)) {
      steps.add(
          "No node carries the labels in spec.placement.nodeSelector: relax the selector, or"
              + " start a node with those labels (aino up --node-label KEY=VALUE).");
    }
    if (rejections.contains(Rejections.CORDONED)) {
      steps.add(
          "Some nodes are cordoned: uncordon_node brings them back once maintenance is done.");
    }
    if (rejections.contains(Rejections.NOT_READY) || noNodes) {
      steps.add("Nodes are not ready or none are registered: check list_nodes and cluster_status.");
    }
    crashes.stream()
        .filter(c -> isPullFailure(c.reason()))
        .findFirst()
        .ifPresent(
            c ->
                steps.add(
                    "Instance "
                        + c.instance()
                        + " cannot pull its image ("
                        + c.reason()
                        + "): "
                        + c.message()
                        + ". Check spec.image (registry, name, tag or digest) and that the"
                        + " registry is reachable from node "
                        + c.node()
                        + "; fix the image with schedule_workload, aino keeps pulling with"
                        + " back-off."));
    List<CrashLoop> crashed = crashes.stream().filter(c -> !isPullFailure(c.reason())).toList();
    if (!crashed.isEmpty()) {
      CrashLoop worst = crashed.get(0);
      steps.add(
          "Instance "
              + worst.instance()
              + " restarted "
              + worst.restarts()
              + " time(s)"
              + (worst.lastExitCode() == null ? "" : ", last exit code " + worst.lastExitCode())
              + ": read its lastLogLines (get_logs shows more), check the image, command, args and"
              + " env in the spec, then fix them with schedule_workload.");
    }
    if (status.state() == WorkloadState.PROGRESSING) {
      steps.add("A roll-out or start is under way: wait, then call diagnose_workload again.");
    }
    if (steps.isEmpty()) {
      steps.add(
          healthy
              ? "Nothing to do: " + status.running() + "/" + status.desired() + " replicas run."
              : "No specific cause found: "
                  + status.message()
                  + ". list_events shows the full history.");
    }
    return steps;
  }
}
