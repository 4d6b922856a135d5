package dev.aino.mcp.tools;

import dev.aino.api.DrainResult;
import dev.aino.api.InstanceFilter;
import dev.aino.api.NodeSummary;
import dev.aino.api.OrchestratorService;
import dev.aino.api.Page;
import dev.aino.mcp.tools.Outputs.Drained;
import dev.aino.mcp.tools.Outputs.NodeDetail;
import dev.aino.mcp.tools.Outputs.NodeList;
import dev.aino.mcp.tools.ToolSpec.Effect;
import dev.aino.mcp.tools.ToolSpec.Reply;
import dev.aino.mcp.tools.Views.InstanceView;
import dev.aino.mcp.tools.Views.NodeView;
import dev.aino.model.ObjectRef;
import java.util.List;
import java.util.stream.Collectors;

/** Tools on nodes: list, get, cordon, uncordon, drain. */
public final class NodeTools {
  private final OrchestratorService service;

  public NodeTools(OrchestratorService service) {
    this.service = service;
  }

  /** The tool specs. */
  public List<ToolSpec<?>> specs() {
    return List.of(
        new ToolSpec<>(
            "list_nodes",
            "List nodes",
            "List nodes with status (READY, SUSPECT, DOWN), whether they take new work, and"
                + " allocatable and free CPU and memory. Paginated: pass nextCursor as cursor.",
            Inputs.PageQuery.class,
            NodeList.class,
            Effect.READ,
            Toolset.NODES,
            true,
            (ctx, in) -> list(in)),
        new ToolSpec<>(
            "get_node",
            "Get a node",
            "One node: status, labels, resources, its first instances and latest events.",
            Inputs.NodeName.class,
            NodeDetail.class,
            Effect.READ,
            Toolset.NODES,
            true,
            (ctx, in) -> get(in.name())),
        new ToolSpec<>(
            "cordon_node",
            "Cordon a node",
            "Keep new instances off a node; running ones stay. Undo with uncordon_node.",
            Inputs.NodeName.class,
            NodeView.class,
            Effect.WRITE,
            Toolset.NODES,
            true,
            (ctx, in) -> mark(in.name(), true)),
        new ToolSpec<>(
            "uncordon_node",
            "Uncordon a node",
            "Let a cordoned or drained node take new instances again.",
            Inputs.NodeName.class,
            NodeView.class,
            Effect.WRITE,
            Toolset.NODES,
            true,
            (ctx, in) -> mark(in.name(), false)),
        new ToolSpec<>(
            "drain_node",
            "Drain a node",
            "Cordon a node and stop its instances so that their workloads replace them on other"
                + " nodes (for maintenance). Destructive: the user is asked to confirm when the"
                + " client supports it; otherwise pass confirm=true once the user agreed.",
            Inputs.Drain.class,
            Drained.class,
            Effect.DESTRUCTIVE,
            Toolset.NODES,
            true,
            this::drain));
  }

  private Reply list(Inputs.PageQuery in) {
    Page<NodeView> page = service.nodes(Outputs.page(in.limit(), in.cursor())).map(NodeView::of);
    String lines = page.items().stream().map(NodeTools::describe).collect(Collectors.joining("; "));
    return new Reply(
        new NodeList(page.items(), page.total(), page.nextCursor()),
        page.total()
            + " node(s)"
            + (lines.isEmpty() ? "." : ": " + lines + ".")
            + Outputs.more(page));
  }

  private Reply get(String name) {
    NodeSummary summary = service.node(name);
    NodeView view = NodeView.of(summary);
    List<InstanceView> instances =
        service.instances(new InstanceFilter(null, name, null)).stream()
            .limit(Recent.ITEMS)
            .map(InstanceView::of)
            .collect(Collectors.toList());
    return new Reply(
        new NodeDetail(
            view, instances, Recent.events(service.events(ObjectRef.node(name)), Recent.EVENTS)),
        describe(view));
  }

  private Reply mark(String name, boolean cordon) {
    NodeView view = NodeView.of(cordon ? service.cordon(name) : service.uncordon(name));
    return new Reply(view, (cordon ? "cordoned " : "uncordoned ") + describe(view));
  }

  private Reply drain(ToolContext ctx, Inputs.Drain in) {
    NodeSummary before = service.node(in.name());
    ctx.requireConfirmation(
        Boolean.TRUE.equals(in.confirm()),
        "Drain node "
            + in.name()
            + ": cordon it and stop its "
            + before.instances()
            + " instance(s) so they move to other nodes?");
    DrainResult result = service.drain(in.name());
    NodeView view = NodeView.of(service.node(in.name()));
    return new Reply(
        new Drained(view, result.stopping()),
        "drained " + in.name() + ": cordoned, " + result.stopping() + " instance(s) stopping");
  }

  static String describe(NodeView n) {
    return n.name()
        + " "
        + n.status()
        + (n.schedulable() ? "" : " (cordoned)")
        + ", free "
        + n.free().cpuMillis()
        + "m CPU / "
        + n.free().memoryMiB()
        + " MiB";
  }
}
