package dev.aino.mcp.tools;

import dev.aino.api.OrchestratorService;
import dev.aino.api.Page;
import dev.aino.error.ValidationException;
import dev.aino.mcp.tools.Outputs.Diagnosis;
import dev.aino.mcp.tools.Outputs.EventList;
import dev.aino.mcp.tools.ToolSpec.Effect;
import dev.aino.mcp.tools.ToolSpec.Reply;
import dev.aino.mcp.tools.Views.ClusterView;
import dev.aino.mcp.tools.Views.EventView;
import dev.aino.model.EventType;
import dev.aino.model.ObjectRef;
import java.util.List;
import java.util.stream.Collectors;

/** Tools about the whole cluster: status, events, and the diagnosis of a workload. */
public final class ClusterTools {
  private final OrchestratorService service;
  private final Diagnoser diagnoser;

  public ClusterTools(OrchestratorService service) {
    this.service = service;
    this.diagnoser = new Diagnoser(service);
  }

  /** The tool specs. */
  public List<ToolSpec<?>> specs() {
    return List.of(
        new ToolSpec<>(
            "cluster_status",
            "Cluster status",
            "The cluster at a glance: nodes and how many are ready, CPU and memory allocatable,"
                + " allocated and free, instances per phase, and problems that need attention.",
            Inputs.None.class,
            ClusterView.class,
            Effect.READ,
            Toolset.NODES,
            true,
            (ctx, in) -> status()),
        new ToolSpec<>(
            "list_events",
            "List events",
            "Events (what aino did and why), newest first: about one workload, node or instance,"
                + " or all; warningsOnly=true keeps only warnings. Paginated: pass nextCursor.",
            Inputs.EventQuery.class,
            EventList.class,
            Effect.READ,
            Toolset.LOGS,
            true,
            (ctx, in) -> events(in)),
        new ToolSpec<>(
            "diagnose_workload",
            "Diagnose a workload",
            "Explain in one call why a workload is not healthy: state, why instances are pending"
                + " (the scheduler's fit report), crash loops with restart counts and exit codes,"
                + " recent warnings, and what to do next.",
            Inputs.WorkloadName.class,
            Diagnosis.class,
            Effect.READ,
            Toolset.CORE,
            true,
            (ctx, in) -> diagnose(in.name())));
  }

  private Reply status() {
    ClusterView view = ClusterView.of(service.cluster());
    return new Reply(
        view,
        view.readyNodes()
            + "/"
            + view.nodes()
            + " node(s) ready, "
            + view.workloads()
            + " workload(s), free "
            + view.free().cpuMillis()
            + "m CPU / "
            + view.free().memoryMiB()
            + " MiB"
            + (view.problems().isEmpty()
                ? "; no problems."
                : "; problems: " + String.join("; ", view.problems())));
  }

  private Reply events(Inputs.EventQuery in) {
    EventType type = Boolean.TRUE.equals(in.warningsOnly()) ? EventType.WARNING : null;
    Page<EventView> page =
        service.events(ref(in), type, Outputs.page(in.limit(), in.cursor())).map(EventView::of);
    String lines =
        page.items().stream()
            .limit(5)
            .map(e -> e.object() + " " + e.reason() + ": " + e.message())
            .collect(Collectors.joining("; "));
    return new Reply(
        new EventList(page.items(), page.total(), page.nextCursor()),
        page.total()
            + " event(s)"
            + (lines.isEmpty() ? "." : ", latest: " + lines + ".")
            + Outputs.more(page));
  }

  /** The one object the query names; null for all events. */
  private static ObjectRef ref(Inputs.EventQuery in) {
    int named =
        (in.workload() == null ? 0 : 1)
            + (in.node() == null ? 0 : 1)
            + (in.instance() == null ? 0 : 1);
    if (named > 1) {
      throw new ValidationException(
          "workload", "name at most one of workload, node and instance (or none for all events)");
    }
    if (in.workload() != null) {
      return ObjectRef.workload(in.workload());
    }
    if (in.node() != null) {
      return ObjectRef.node(in.node());
    }
    return in.instance() == null ? null : ObjectRef.instance(in.instance());
  }

  private Reply diagnose(String name) {
    Diagnosis d = diagnoser.diagnose(name);
    return new Reply(
        d,
        name
            + ": "
            + d.state()
            + " ("
            + d.message()
            + "). Next: "
            + String.join(" ", d.nextSteps()));
  }
}
