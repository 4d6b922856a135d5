package dev.aino.api.impl;

import dev.aino.api.ClusterSummary;
import dev.aino.api.NodeSummary;
import dev.aino.api.WorkloadStatus;
import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Resources;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadState;
import dev.aino.store.StateStore;
import dev.aino.text.Counts;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computes the read views (workload status, node allocation, cluster summary) from the store. */
public final class StatusViews {
  private final StateStore store;

  StatusViews(StateStore store) {
    this.store = store;
  }

  WorkloadStatus status(Workload w) {
    return status(w, store.instancesOf(w.name()));
  }

  List<WorkloadStatus> statuses(List<Workload> workloads) {
    Map<String, List<Instance>> byWorkload = new HashMap<>();
    for (Instance i : store.instances()) {
      byWorkload.computeIfAbsent(i.workload(), k -> new ArrayList<>()).add(i);
    }
    List<WorkloadStatus> out = new ArrayList<>(workloads.size());
    for (Workload w : workloads) {
      out.add(status(w, byWorkload.getOrDefault(w.name(), List.of())));
    }
    return out;
  }

  /**
   * The status of {@code w} given all its instances: the one derivation of a workload's state, for
   * the facade's views and for the metrics that count workloads by state.
   */
  public static WorkloadStatus status(Workload w, List<Instance> instances) {
    int desired = w.spec().replicas();
    int placed = 0;
    int running = 0;
    int ready = 0;
    int pending = 0;
    int failed = 0;
    int succeeded = 0;
    long restarts = 0;
    Instance crashLooping = null;
    Instance pullFailing = null;
    String pendingReason = null;
    int notEnded = 0;
    for (Instance i : instances) {
      if (!i.phase().isTerminal()) {
        notEnded++; // stopping ones too: a deleted workload's instances are all told to stop
      }
      if (i.phase() == InstancePhase.FAILED || i.phase() == InstancePhase.LOST) {
        failed++;
      }
      if (i.phase() == InstancePhase.SUCCEEDED) {
        succeeded++;
      }
      if (i.phase().isTerminal() || i.desired() == DesiredState.STOP) {
        continue;
      }
      restarts += i.restartCount();
      if (i.node() == null) {
        pending++;
        pendingReason = i.message();
        continue;
      }
      placed++;
      if (i.phase() == InstancePhase.RUNNING) {
        running++;
        if (i.ready()) {
          ready++;
        }
      }
      if (InstanceReasons.CRASH_LOOP_BACK_OFF.equals(i.reason())) {
        crashLooping = i;
      } else if (i.waitsToPullImage()) {
        pullFailing = i;
      }
    }
    WorkloadState state;
    String message;
    if (w.isDeleting()) {
      state = WorkloadState.DELETING;
      message =
          notEnded == 0
              ? "its instances have stopped; removing it"
              : "stopping " + Counts.of(notEnded, "instance") + " before removal";
    } else if (pullFailing != null) {
      state = WorkloadState.DEGRADED;
      message =
          "instance "
              + pullFailing.id()
              + " cannot pull its image ("
              + pullFailing.reason()
              + "): "
              + pullFailing.message();
    } else if (crashLooping != null) {
      state = WorkloadState.DEGRADED;
      message =
          "instance "
              + crashLooping.id()
              + " is crash-looping ("
              + (crashLooping.exitCode() == null
                  ? ""
                  : "exit code " + crashLooping.exitCode() + ", ")
              + Counts.of(crashLooping.restartCount(), "restart")
              + "): "
              + crashLooping.message();
    } else if (pending > 0 && placed == 0 && desired > 0) {
      state = WorkloadState.PENDING;
      message =
          Counts.of(pending, "instance")
              + " "
              + Counts.verb(pending, "waits", "wait")
              + " for a node: "
              + pendingReason;
    } else if (ready >= desired && placed == desired) {
      state = desired > 0 || succeeded == 0 ? WorkloadState.HEALTHY : WorkloadState.COMPLETED;
      message = ready + "/" + desired + " ready";
    } else if (pending > 0) {
      state = WorkloadState.DEGRADED;
      message =
          ready
              + "/"
              + desired
              + " ready; "
              + pending
              + " "
              + Counts.verb(pending, "waits", "wait")
              + " for a node: "
              + pendingReason;
    } else if (w.spec().restartPolicy() != dev.aino.model.RestartPolicy.ALWAYS
        && succeeded >= desired) {
      state = WorkloadState.COMPLETED;
      message = succeeded + "/" + desired + " succeeded";
    } else {
      state = WorkloadState.PROGRESSING;
      message = ready + "/" + desired + " ready, " + running + " running, " + placed + " placed";
    }
    return new WorkloadStatus(
        w, desired, placed, running, ready, pending, failed, succeeded, restarts, state, message);
  }

  /** One node's summary, from the instances placed on it. */
  NodeSummary nodeSummary(Node n) {
    Resources used = Resources.ZERO;
    int count = 0;
    for (Instance i : store.instancesOn(n.name())) {
      if (i.holdsResources()) {
        used = used.plus(i.resources());
        count++;
      }
    }
    return new NodeSummary(n, used, n.allocatable().minus(used), count);
  }

  List<NodeSummary> nodeSummaries() {
    Map<String, Resources> allocated = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Instance i : store.instances()) {
      if (i.node() != null && i.holdsResources()) {
        allocated.merge(i.node(), i.resources(), Resources::plus);
        counts.merge(i.node(), 1, Integer::sum);
      }
    }
    List<NodeSummary> out = new ArrayList<>();
    for (Node n : store.nodes()) {
      Resources used = allocated.getOrDefault(n.name(), Resources.ZERO);
      out.add(
          new NodeSummary(n, used, n.allocatable().minus(used), counts.getOrDefault(n.name(), 0)));
    }
    return out;
  }

  ClusterSummary cluster() {
    List<NodeSummary> nodes = nodeSummaries();
    List<Workload> workloads = store.workloads();
    List<Instance> instances = store.instances();
    Resources allocatable = Resources.ZERO;
    Resources allocated = Resources.ZERO;
    Resources free = Resources.ZERO;
    int ready = 0;
    List<String> problems = new ArrayList<>();
    for (NodeSummary s : nodes) {
      allocatable = allocatable.plus(s.node().allocatable());
      allocated = allocated.plus(s.allocated());
      free = free.plus(s.free());
      if (s.node().acceptsWork()) {
        ready++;
      } else if (s.node().status() != NodeStatus.READY) {
        problems.add("node " + s.node().name() + " is " + s.node().status());
      }
    }
    Map<InstancePhase, Integer> byPhase = new EnumMap<>(InstancePhase.class);
    Map<String, List<Instance>> byWorkload = new HashMap<>();
    for (Instance i : instances) {
      byPhase.merge(i.phase(), 1, Integer::sum);
      byWorkload.computeIfAbsent(i.workload(), k -> new ArrayList<>()).add(i);
    }
    for (Workload w : workloads) {
      WorkloadStatus st = status(w, byWorkload.getOrDefault(w.name(), List.of()));
      if (st.state() == WorkloadState.DEGRADED || st.state() == WorkloadState.PENDING) {
        problems.add("workload " + w.name() + " is " + st.state() + ": " + st.message());
      }
    }
    if (nodes.isEmpty()) {
      problems.add(0, "no nodes registered: nothing can run");
    }
    return new ClusterSummary(
        nodes.size(), ready, allocatable, allocated, free, workloads.size(), byPhase, problems);
  }
}
