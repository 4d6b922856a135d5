package dev.aino.mcp.tools;

import dev.aino.api.ApplyOutcome;
import dev.aino.api.Page;
import dev.aino.api.PageRequest;
import dev.aino.api.WorkloadManifest;
import dev.aino.mcp.tools.Views.EventView;
import dev.aino.mcp.tools.Views.InstanceView;
import dev.aino.mcp.tools.Views.LogLineView;
import dev.aino.mcp.tools.Views.NodeView;
import dev.aino.mcp.tools.Views.WorkloadView;
import java.util.List;

/**
 * The result records of the tools that return more than one view. A list's record has the fields of
 * {@link Page} (items, total, nextCursor) with a concrete item type, so that its schema describes
 * the items.
 */
public final class Outputs {
  /** Items of a list tool's page unless asked: an answer goes into a model's context. */
  static final int DEFAULT_LIMIT = 50;

  /** The most items of a list tool's page. */
  static final int MAX_LIMIT = 500;

  private Outputs() {}

  /** The page a list tool's {@code limit} and {@code cursor} ask for. */
  static PageRequest page(Integer limit, String cursor) {
    return PageRequest.of(limit, cursor, DEFAULT_LIMIT, MAX_LIMIT);
  }

  /** "Showing 50 of 120; call again with cursor ... for more.", or "" when all is shown. */
  static String more(Page<?> page) {
    return page.nextCursor() == null
        ? ""
        : " Showing "
            + page.items().size()
            + " of "
            + page.total()
            + "; call again with cursor \""
            + page.nextCursor()
            + "\" for more.";
  }

  /** A page of workloads. */
  public record WorkloadList(List<WorkloadView> items, int total, String nextCursor) {}

  /** A page of instances. */
  public record InstanceList(List<InstanceView> items, int total, String nextCursor) {}

  /** A page of nodes. */
  public record NodeList(List<NodeView> items, int total, String nextCursor) {}

  /** A page of events, newest first. */
  public record EventList(List<EventView> items, int total, String nextCursor) {}

  /** A workload with its spec, first instances and latest events. */
  public record WorkloadDetail(
      WorkloadView workload,
      WorkloadManifest.SpecInput spec,
      List<InstanceView> instances,
      int instanceCount,
      List<EventView> recentEvents,
      Views.WorkloadUsageView usage) {}

  /** What schedule_workload did, as the apply reported it. */
  public record Scheduled(
      ApplyOutcome action, WorkloadView workload, Boolean running, String note) {}

  /** An instance with its latest events. */
  public record InstanceDetail(
      InstanceView instance, List<EventView> recentEvents, Views.UsageView usage) {}

  /** A node with its first instances and latest events. */
  public record NodeDetail(
      NodeView node, List<InstanceView> instances, List<EventView> recentEvents) {}

  /** What drain_node did. */
  public record Drained(NodeView node, int stopping) {}

  /** Why a workload is or is not healthy, and what to do. */
  public record Diagnosis(
      String workload,
      String state,
      String message,
      boolean healthy,
      List<String> pendingReasons,
      List<CrashLoop> crashLoops,
      List<EventView> warnings,
      List<String> nextSteps) {}

  /** An instance that keeps failing, with the last lines it wrote when they can be read. */
  public record CrashLoop(
      String instance,
      String node,
      String phase,
      int restarts,
      Integer lastExitCode,
      String reason,
      String message,
      List<String> lastLogLines,
      String logsUnavailable) {}

  /** What get_logs read. */
  public record Logs(
      String instance,
      String workload,
      String node,
      String containerId,
      int restartCount,
      List<LogLineView> lines,
      boolean truncated) {}
}
