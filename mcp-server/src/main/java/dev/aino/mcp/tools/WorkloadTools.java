package dev.aino.mcp.tools;

import dev.aino.api.ApplyResult;
import dev.aino.api.InstanceFilter;
import dev.aino.api.OrchestratorService;
import dev.aino.api.Page;
import dev.aino.api.PlanResult;
import dev.aino.api.WorkloadManifest;
import dev.aino.api.WorkloadStatus;
import dev.aino.mcp.tools.Outputs.Scheduled;
import dev.aino.mcp.tools.Outputs.WorkloadDetail;
import dev.aino.mcp.tools.Outputs.WorkloadList;
import dev.aino.mcp.tools.ToolSpec.Effect;
import dev.aino.mcp.tools.ToolSpec.Reply;
import dev.aino.mcp.tools.Views.InstanceView;
import dev.aino.mcp.tools.Views.WorkloadView;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Tools on workloads: schedule, plan, list, get, scale, delete. */
public final class WorkloadTools {
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);

  private final OrchestratorService service;

  public WorkloadTools(OrchestratorService service) {
    this.service = service;
  }

  /** The tool specs. */
  public List<ToolSpec<?>> specs() {
    return List.of(
        new ToolSpec<>(
            "schedule_workload",
            "Schedule a workload",
            "Create or update a workload (a changed spec rolls out). Only spec.image is"
                + " required; defaults: 1 replica, 100m CPU, 64 MiB, restart ALWAYS."
                + " plan_workload previews.",
            Inputs.Schedule.class,
            Scheduled.class,
            Effect.WRITE,
            Toolset.CORE,
            true,
            this::schedule),
        new ToolSpec<>(
            "plan_workload",
            "Plan a workload (dry run)",
            "What schedule_workload would do, changing nothing: created/configured/unchanged,"
                + " whether a rolling update follows, where each new instance goes or why not.",
            Inputs.Plan.class,
            PlanResult.class,
            Effect.READ,
            Toolset.CORE,
            true,
            (ctx, in) -> plan(in)),
        new ToolSpec<>(
            "list_workloads",
            "List workloads",
            "List workloads by name with state, counts and manager; paginated (cursor).",
            Inputs.PageQuery.class,
            WorkloadList.class,
            Effect.READ,
            Toolset.CORE,
            true,
            (ctx, in) -> list(in)),
        new ToolSpec<>(
            "get_workload",
            "Get a workload",
            "One workload: state, counts, full spec, average CPU and memory use of its running"
                + " instances, first instances and latest events.",
            Inputs.WorkloadName.class,
            WorkloadDetail.class,
            Effect.READ,
            Toolset.CORE,
            true,
            (ctx, in) -> detail(in.name())),
        new ToolSpec<>(
            "scale_workload",
            "Scale a workload",
            // replicas says what 0 does; the list's budget has no room for saying it twice.
            "Set a workload's replica count.",
            Inputs.Scale.class,
            WorkloadView.class,
            Effect.WRITE,
            Toolset.CORE,
            true,
            (ctx, in) -> scale(in)),
        new ToolSpec<>(
            "delete_workload",
            "Delete a workload",
            // confirm says when to pass it.
            "Stop a workload's instances and remove it. Destructive: the user is asked to"
                + " confirm.",
            Inputs.Delete.class,
            WorkloadView.class,
            Effect.DESTRUCTIVE,
            Toolset.CORE,
            true,
            this::delete));
  }

  private Reply schedule(ToolContext ctx, Inputs.Schedule in) {
    WorkloadSpec spec = in.manifest().toSpec();
    ApplyResult applied =
        service.apply(in.name(), spec, Inputs.change(in.expectedGeneration(), in.force()));
    String action = applied.outcome().id();
    if (!Boolean.TRUE.equals(in.awaitRunning())) {
      WorkloadView view = WorkloadView.of(applied.status());
      return new Reply(
          new Scheduled(applied.outcome(), view, null, null),
          action
              + " workload "
              + in.name()
              + " (generation "
              + applied.workload().generation()
              + "): "
              + view.state()
              + ", "
              + view.message());
    }
    Duration timeout =
        in.timeoutSeconds() == null ? DEFAULT_WAIT : Duration.ofSeconds(in.timeoutSeconds());
    WorkloadStatus status = awaitRunning(ctx, in.name(), timeout);
    boolean running = status.running() >= status.desired();
    String note =
        running
            ? null
            : "not all replicas run after "
                + timeout.toSeconds()
                + " s; diagnose_workload explains why";
    return new Reply(
        new Scheduled(applied.outcome(), WorkloadView.of(status), running, note),
        action
            + " workload "
            + in.name()
            + ": "
            + status.running()
            + "/"
            + status.desired()
            + " running"
            + (running ? "" : " (" + note + ")"));
  }

  /** Polls the status until every replica runs or the timeout passes, reporting progress. */
  private WorkloadStatus awaitRunning(ToolContext ctx, String name, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      WorkloadStatus status = service.workload(name);
      ctx.progress(
          status.running(),
          Math.max(1, status.desired()),
          status.running() + "/" + status.desired() + " running: " + status.message());
      if (status.running() >= status.desired() || System.nanoTime() >= deadline) {
        return status;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return status;
      }
    }
  }

  private Reply plan(Inputs.Plan in) {
    PlanResult plan = service.plan(in.name(), new WorkloadManifest(in.name(), in.spec()).toSpec());
    return new Reply(plan, plan.summary());
  }

  private Reply list(Inputs.PageQuery in) {
    Page<WorkloadView> page =
        service.workloads(Outputs.page(in.limit(), in.cursor())).map(WorkloadView::of);
    String lines =
        page.items().stream()
            .map(w -> w.name() + ": " + w.state() + " " + w.running() + "/" + w.desired())
            .collect(Collectors.joining("; "));
    return new Reply(
        new WorkloadList(page.items(), page.total(), page.nextCursor()),
        page.total()
            + " workload(s)"
            + (lines.isEmpty() ? "." : ": " + lines + ".")
            + Outputs.more(page));
  }

  /** The detail of one workload, as get_workload and the workload resource return it. */
  Reply detail(String name) {
    WorkloadStatus status = service.workload(name);
    List<Instance> instances = service.instances(InstanceFilter.ofWorkload(name));
    WorkloadView view = WorkloadView.of(status);
    WorkloadDetail detail =
        new WorkloadDetail(
            view,
            WorkloadManifest.of(name, status.workload().spec()).spec(),
            instances.stream()
                .limit(Recent.ITEMS)
                .map(InstanceView::of)
                .collect(Collectors.toList()),
            instances.size(),
            Recent.events(service.events(ObjectRef.workload(name)), Recent.EVENTS),
            Views.WorkloadUsageView.of(status.usage()));
    return new Reply(detail, summary(view));
  }

  private Reply scale(Inputs.Scale in) {
    WorkloadStatus status =
        service.scale(in.name(), in.replicas(), Inputs.change(in.expectedGeneration(), in.force()));
    Workload scaled = status.workload();
    WorkloadView view = WorkloadView.of(status);
    int count = scaled.spec().replicas();
    String clamped =
        count == in.replicas() || scaled.spec().autoscale() == null
            ? ""
            : " (not "
                + in.replicas()
                + ": its autoscale policy keeps it at "
                + scaled.spec().autoscale().describe()
                + ")";
    return new Reply(view, "scaled " + in.name() + " to " + count + clamped + ": " + summary(view));
  }

  private Reply delete(ToolContext ctx, Inputs.Delete in) {
    WorkloadStatus status = service.workload(in.name());
    ctx.requireConfirmation(
        Boolean.TRUE.equals(in.confirm()),
        "Delete workload " + in.name() + " and stop its " + status.placed() + " instance(s)?");
    WorkloadView view =
        WorkloadView.of(
            service.delete(in.name(), Inputs.change(in.expectedGeneration(), in.force())));
    return new Reply(view, "deleting " + in.name() + ": its instances are stopping");
  }

  static String summary(WorkloadView w) {
    return w.name()
        + ": "
        + w.state()
        + ", "
        + w.running()
        + "/"
        + w.desired()
        + " running"
        + (w.message() == null || w.message().isEmpty() ? "" : " (" + w.message() + ")");
  }
}
