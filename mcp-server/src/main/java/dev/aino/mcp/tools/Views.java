package dev.aino.mcp.tools;

import dev.aino.api.ClusterSummary;
import dev.aino.api.InstanceUsage;
import dev.aino.api.NodeSummary;
import dev.aino.api.WorkloadStatus;
import dev.aino.api.WorkloadUsage;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.Resources;
import dev.aino.runtime.LogLine;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compact views of the model for a model's context window: the fields an agent reasons about,
 * resources as {@code cpuMillis}/{@code memoryMiB} pairs, times as ISO-8601 text, no nulls (the
 * shared mapper drops them).
 */
public final class Views {
  private static final long MIB = 1024L * 1024;

  private Views() {}

  /** CPU and memory. */
  public record ResourcesView(long cpuMillis, long memoryMiB) {
    static ResourcesView of(Resources r) {
      return new ResourcesView(r.cpuMillis(), r.memoryMiB());
    }
  }

  /** A workload with its health counts. */
  public record WorkloadView(
      String name,
      String image,
      String state,
      String message,
      int desired,
      int running,
      int ready,
      int pending,
      int failed,
      long restarts,
      long generation,
      String manager,
      ResourcesView resources,
      boolean deleting) {
    public static WorkloadView of(WorkloadStatus s) {
      return new WorkloadView(
          s.workload().name(),
          s.workload().spec().image(),
          s.state().label(),
          s.message(),
          s.desired(),
          s.running(),
          s.ready(),
          s.pending(),
          s.failed(),
          s.restarts(),
          s.workload().generation(),
          s.workload().manager(),
          ResourcesView.of(s.workload().spec().resources()),
          s.workload().isDeleting());
    }
  }

  /** What an instance used lately, as its node agent sampled it. */
  public record UsageView(
      long cpuMillis, int cpuPercent, long memoryMiB, int memoryPercent, long windowSeconds) {
    static UsageView of(InstanceUsage u) {
      return new UsageView(
          u.cpuMillis(),
          u.cpuPercent(),
          Math.round(u.memoryBytes() / (double) MIB),
          u.memoryPercent(),
          u.window().toSeconds());
    }
  }

  /** What a workload's running instances use on average. */
  public record WorkloadUsageView(
      int instances,
      int unmeasured,
      long cpuMillis,
      int cpuPercent,
      long memoryMiB,
      int memoryPercent) {
    static WorkloadUsageView of(WorkloadUsage u) {
      return u == null
          ? null
          : new WorkloadUsageView(
              u.instances(),
              u.unmeasured(),
              u.cpuMillis(),
              u.cpuPercent(),
              Math.round(u.memoryBytes() / (double) MIB),
              u.memoryPercent());
    }
  }

  /** One instance. */
  public record InstanceView(
      String id,
      String workload,
      String node,
      String phase,
      String desired,
      boolean ready,
      int restartCount,
      Integer exitCode,
      String reason,
      String message,
      String startedAt,
      String finishedAt) {
    static InstanceView of(Instance i) {
      return new InstanceView(
          i.id(),
          i.workload(),
          i.node(),
          i.phase().name(),
          i.desired().name(),
          i.ready(),
          i.restartCount(),
          i.exitCode(),
          i.reason(),
          i.message(),
          text(i.startedAt()),
          text(i.finishedAt()));
    }
  }

  /** One node with what is handed out on it. */
  public record NodeView(
      String name,
      String status,
      boolean schedulable,
      Map<String, String> labels,
      ResourcesView allocatable,
      ResourcesView free,
      int instances,
      String runtime,
      String registeredAt,
      String lastHeartbeat) {
    static NodeView of(NodeSummary s) {
      Node n = s.node();
      return new NodeView(
          n.name(),
          n.status().name(),
          n.schedulable(),
          n.labels().isEmpty() ? null : new TreeMap<>(n.labels()),
          ResourcesView.of(n.allocatable()),
          ResourcesView.of(s.free()),
          s.instances(),
          n.runtime() == null ? null : n.runtime().name() + " " + n.runtime().version(),
          text(n.registeredAt()),
          text(n.lastHeartbeat()));
    }
  }

  /** One event. */
  public record EventView(
      String object, String type, String reason, String message, long count, String lastSeen) {
    static EventView of(Event e) {
      return new EventView(
          e.object().toString(),
          e.type().name(),
          e.reason(),
          e.message(),
          e.count(),
          text(e.lastSeen()));
    }
  }

  /** The cluster at a glance. */
  public record ClusterView(
      int nodes,
      int readyNodes,
      ResourcesView allocatable,
      ResourcesView allocated,
      ResourcesView free,
      int workloads,
      Map<String, Integer> instancesByPhase,
      List<String> problems) {
    static ClusterView of(ClusterSummary c) {
      Map<String, Integer> phases = new TreeMap<>();
      c.instancesByPhase().forEach((phase, n) -> phases.put(phase.name(), n));
      return new ClusterView(
          c.nodes(),
          c.readyNodes(),
          ResourcesView.of(c.allocatable()),
          ResourcesView.of(c.allocated()),
          ResourcesView.of(c.free()),
          c.workloads(),
          phases,
          c.problems());
    }
  }

  /** One line a container wrote. */
  public record LogLineView(String time, String stream, String text) {
    static LogLineView of(LogLine line) {
      return new LogLineView(
          Views.text(line.timestamp()), line.stream().name().toLowerCase(Locale.ROOT), line.text());
    }

    /** As the tools' text shows it: stderr lines marked. */
    String display() {
      return stream.equals("stderr") ? "[stderr] " + text : text;
    }
  }

  static String text(Instant at) {
    return at == null ? null : at.toString();
  }
}
