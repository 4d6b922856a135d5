package dev.aino.mcp.tools;

import dev.aino.api.InstanceFilter;
import dev.aino.api.OrchestratorService;
import dev.aino.api.Page;
import dev.aino.error.AinoException;
import dev.aino.mcp.tools.Outputs.InstanceDetail;
import dev.aino.mcp.tools.Outputs.InstanceList;
import dev.aino.mcp.tools.ToolSpec.Effect;
import dev.aino.mcp.tools.ToolSpec.Reply;
import dev.aino.mcp.tools.Views.InstanceView;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.ObjectRef;
import java.util.List;
import java.util.stream.Collectors;

/** Tools on instances: list, get, restart. */
public final class InstanceTools {
  private final OrchestratorService service;

  public InstanceTools(OrchestratorService service) {
    this.service = service;
  }

  /** The tool specs. */
  public List<ToolSpec<?>> specs() {
    return List.of(
        new ToolSpec<>(
            "list_instances",
            "List instances",
            "List instances (placed replicas), optionally only of one workload, on one node or in"
                + " one phase. Paginated: pass nextCursor as cursor.",
            Inputs.InstanceQuery.class,
            InstanceList.class,
            Effect.READ,
            Toolset.CORE,
            true,
            (ctx, in) -> list(in)),
        new ToolSpec<>(
            "get_instance",
            "Get an instance",
            "One instance: phase, node, restarts, exit code, reason, its recent CPU and memory use"
                + " (also in percent of its request), and its latest events.",
            Inputs.InstanceId.class,
            InstanceDetail.class,
            Effect.READ,
            Toolset.CORE,
            true,
            (ctx, in) -> get(in.id())),
        new ToolSpec<>(
            "restart_instance",
            "Restart an instance",
            "Stop one instance; its workload replaces it with a fresh one. Use for a stuck"
                + " instance; fixing the spec is usually the better cure for a crash loop.",
            Inputs.InstanceId.class,
            InstanceView.class,
            Effect.DESTRUCTIVE,
            Toolset.CORE,
            false,
            (ctx, in) -> restart(in.id())));
  }

  private Reply list(Inputs.InstanceQuery in) {
    InstanceFilter filter = new InstanceFilter(in.workload(), in.node(), in.phase());
    Page<InstanceView> page =
        service.instances(filter, Outputs.page(in.limit(), in.cursor())).map(InstanceView::of);
    String lines =
        page.items().stream()
            .map(i -> i.id() + " " + i.phase() + (i.node() == null ? "" : " on " + i.node()))
            .collect(Collectors.joining("; "));
    return new Reply(
        new InstanceList(page.items(), page.total(), page.nextCursor()),
        page.total()
            + " instance(s)"
            + (lines.isEmpty() ? "." : ": " + lines + ".")
            + Outputs.more(page));
  }

  private Reply get(String id) {
    Instance instance = service.instance(id);
    InstanceView view = InstanceView.of(instance);
    return new Reply(
        new InstanceDetail(
            view,
            Recent.events(service.events(ObjectRef.instance(id)), Recent.EVENTS),
            usageOf(instance)),
        describe(view));
  }

  /** The usage of a running instance; null when it has none or it cannot be read now. */
  private Views.UsageView usageOf(Instance instance) {
    if (instance.phase() != InstancePhase.RUNNING) {
      return null;
    }
    try {
      return Views.UsageView.of(service.stats(instance.id()));
    } catch (AinoException e) {
      return null; // the instance is still worth showing when its node does not answer
    }
  }

  private Reply restart(String id) {
    InstanceView view = InstanceView.of(service.restartInstance(id));
    return new Reply(view, "restarting " + id + ": its workload starts a replacement");
  }

  static String describe(InstanceView i) {
    return i.id()
        + ": "
        + i.phase()
        + (i.node() == null ? "" : " on " + i.node())
        + ", "
        + i.restartCount()
        + " restart(s)"
        + (i.message() == null ? "" : " (" + i.message() + ")");
  }
}
