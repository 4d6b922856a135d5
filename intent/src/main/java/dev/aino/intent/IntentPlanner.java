package dev.aino.intent;

import dev.aino.api.ClusterSummary;
import dev.aino.api.DrainResult;
import dev.aino.api.InstanceFilter;
import dev.aino.api.InstanceLogs;
import dev.aino.api.NodeSummary;
import dev.aino.api.OrchestratorService;
import dev.aino.api.PageRequest;
import dev.aino.api.PlanResult;
import dev.aino.api.StaleGenerationException;
import dev.aino.api.WorkloadStatus;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.NotFoundException;
import dev.aino.error.ValidationException;
import dev.aino.model.AutoscalePolicy;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.model.Placement;
import dev.aino.model.Resources;
import dev.aino.model.Validate;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.model.WorkloadState;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an {@link Intent} into a result: validates every slot as any other input, computes the
 * complete spec and the {@link OrchestratorService#plan} of it, and applies it when asked to and
 * allowed to. Everything goes through the facade; nothing here writes to a store.
 *
 * <p>The same checks apply whichever reader produced the intent, so an LLM that invents a name, a
 * replica count out of range or a command that needs a shell is refused here, naming the field.
 */
final class IntentPlanner {
  /**
   * The whole cluster as one page: the engine resolves names against every workload and node (the
   * largest page the facade serves).
   */
  private static final PageRequest EVERY = PageRequest.first(PageRequest.MAX_LIMIT);

  /** Characters that only mean something to a shell; aino runs argv without one. */
  private static final Pattern SHELL = Pattern.compile("[;&|$<>`\\\\\\n\\r]");

  private static final LogQuery LOG_TAIL = new LogQuery(20, null, 8 * 1024);
  private static final int MAX_LOG_INSTANCES = 3;
  private static final int MAX_NAMES_IN_QUESTION = 8;

  /** Default CPU target when an autoscale intent gives none, as {@code kubectl autoscale}. */
  static final int DEFAULT_TARGET_CPU_PERCENT = 80;

  private final OrchestratorService service;

  IntentPlanner(OrchestratorService service) {
    this.service = service;
  }

  /**
   * Plans (and with {@code apply} applies) one intent.
   *
   * @param intent what was understood
   * @param last the workload the conversation last touched, for "it"
   * @param apply false for a dry run
   * @param confirmed true when the person confirmed a destructive action
   * @param expected the workload the plan being confirmed was made from, or null when no plan is
   *     being confirmed: a change then applies only if the workload is still at that generation
   */
  Planned handle(
      Intent intent,
      String last,
      boolean apply,
      boolean confirmed,
      String conversation,
      PlanBasis expected) {
    Target t = new Target(intent, conversation, expected);
    return new Planned(result(t, last, apply, confirmed), t.basis);
  }

  /**
   * A result and the workload it was planned from, which the conversation keeps with a plan that
   * waits for a yes.
   *
   * @param basis the workload as the plan read it; null when it read none
   */
  record Planned(IntentResult result, PlanBasis basis) {}

  private IntentResult result(Target t, String last, boolean apply, boolean confirmed) {
    Intent intent = t.intent;
    String conversation = t.conversation;
    IntentAction action = intent.action();
    if (action == null) {
      return IntentResult.needsInput(
          null,
          null,
          "What should I do? I can deploy, update, scale, delete, restart, autoscale, show status,"
              + " logs or a diagnosis of a workload, list workloads, show the cluster, and cordon,"
              + " uncordon or drain a node.",
          List.of("action"),
          conversation);
    }
    if (!intent.problems().isEmpty()) {
      Map.Entry<String, String> first = intent.problems().entrySet().iterator().next();
      return IntentResult.rejected(
          action, intent.workload(), first.getKey(), first.getValue(), conversation);
    }
    try {
      if (action.targetsWorkload()) {
        IntentResult missing = resolveWorkload(t, last);
        if (missing != null) {
          return missing;
        }
      } else if (action.targetsNode()) {
        IntentResult missing = resolveNode(t);
        if (missing != null) {
          return missing;
        }
      }
      return switch (action) {
        case DEPLOY -> deploy(t, apply);
        case UPDATE -> update(t, apply);
        case SCALE -> scale(t, apply, confirmed);
        case DELETE -> delete(t, apply, confirmed);
        case RESTART -> restart(t, apply);
        case STATUS -> status(t);
        case DIAGNOSE -> diagnose(t);
        case LOGS -> logs(t);
        case LIST -> list(t);
        case CLUSTER_STATUS -> cluster(t);
        case AUTOSCALE -> autoscale(t, apply);
        case AUTOSCALE_OFF -> autoscaleOff(t, apply);
        case CORDON, UNCORDON, DRAIN -> nodeAction(t, apply, confirmed);
      };
    } catch (ValidationException e) {
      return IntentResult.rejected(action, t.workload, e.field(), e.reason(), conversation);
    } catch (StalePlanException e) {
      return stale(t, e.now);
    } catch (StaleGenerationException e) {
      // Changed between this plan's read and its write: the facade's check, in the same words.
      return stale(t, e.current().workload());
    }
  }

  /**
   * The refusal of a plan whose workload changed since it was made (or since this request read it),
   * saying what changed; nothing was written.
   */
  private static IntentResult stale(Target t, Workload now) {
    PlanBasis was = t.expected != null ? t.expected : t.basis;
    String reason =
        was == null
            ? t.workload + " changed while this request ran; nothing was changed: re-plan?"
            : was.whatChanged(now);
    return new IntentResult(
        IntentOutcome.REJECTED,
        t.action(),
        t.workload,
        null,
        null,
        null,
        null,
        null,
        null,
        reason,
        "generation",
        t.conversation,
        "rejected: " + reason,
        now == null ? null : now.generation());
  }

  /** A plan being confirmed found its workload changed; carries the workload as it is now. */
  private static final class StalePlanException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Workload now;

    StalePlanException(Workload now) {
      super(null, null, false, false);
      this.now = now;
    }
  }

  /**
   * Reads the workload a plan is made from, remembers it as the plan's {@link PlanBasis}, and when
   * a plan is being confirmed, refuses to go on if the workload is no longer the one that plan was
   * made from.
   */
  private WorkloadStatus read(Target t) {
    WorkloadStatus s;
    try {
      s = service.workload(t.workload);
    } catch (NotFoundException e) {
      if (t.expected != null && t.expected.workload().equals(t.workload)) {
        throw new StalePlanException(null);
      }
      throw e;
    }
    Workload w = s.workload();
    if (t.expected != null && t.expected.workload().equals(t.workload) && t.expected.isStale(w)) {
      throw new StalePlanException(w);
    }
    t.basis = PlanBasis.of(w);
    return s;
  }

  /** The workload {@code name} as it is now (perhaps being deleted), or null when there is none. */
  private Workload find(String name) {
    try {
      return service.workload(name).workload();
    } catch (NotFoundException e) {
      return null;
    }
  }

  /** The generation a change is made conditional on: the one its plan was made from. */
  private static Long expectedGeneration(Target t) {
    return t.basis == null ? null : t.basis.expectedGeneration();
  }

  /** The intent with the names it resolved to, and the workload it was planned from. */
  private static final class Target {
    final Intent intent;
    final String conversation;

    /** The basis of the plan being confirmed; null when none is. */
    final PlanBasis expected;

    String workload;
    String node;

    /** The workload as this request read it; null before it is read or when none was. */
    PlanBasis basis;

    /** The workload's generation as this request last saw it (read or written). */
    Long generation;

    Target(Intent intent, String conversation, PlanBasis expected) {
      this.intent = intent;
      this.conversation = conversation;
      this.expected = expected;
      this.workload = intent.workload();
      this.node = intent.node();
    }

    IntentAction action() {
      return intent.action();
    }

    /** The generation written, else the one read; null when no existing workload was read. */
    Long generation() {
      if (generation != null) {
        return generation;
      }
      return basis == null ? null : basis.expectedGeneration();
    }
  }

  private IntentResult resolveWorkload(Target t, String last) {
    IntentAction action = t.action();
    if (t.intent.everything() && t.workload == null) {
      return IntentResult.rejected(
          action,
          null,
          "workload",
          "\""
              + verb(action)
              + "\" on every workload at once is not planned as one step; name one workload per"
              + " request ("
              + names(workloadNames())
              + ")",
          t.conversation);
    }
    if (t.workload == null && last != null) {
      // "it", "that", or nothing at all in a follow-up: the workload the conversation is about.
      t.workload = last;
    }
    List<String> known = workloadNames();
    if (t.workload == null) {
      if (known.isEmpty()) {
        return IntentResult.rejected(
            action,
            null,
            "workload",
            "there are no workloads yet; deploy one first",
            t.conversation);
      }
      return IntentResult.needsInput(
          action,
          null,
          "Which workload should I " + verb(action) + "? " + choices(known) + "?",
          List.of("workload"),
          t.conversation);
    }
    Validate.dnsLabel("workload", t.workload);
    if (!known.contains(t.workload)
        && t.expected != null
        && t.expected.workload().equals(t.workload)
        && t.expected.existed()) {
      throw new StalePlanException(find(t.workload));
    }
    if (!known.contains(t.workload)) {
      return IntentResult.rejected(
          action,
          t.workload,
          "workload",
          "no workload is named \""
              + t.workload
              + "\""
              + (known.isEmpty() ? "" : "; there are " + names(known)),
          t.conversation);
    }
    return null;
  }

  private IntentResult resolveNode(Target t) {
    List<String> known = new ArrayList<>();
    for (NodeSummary n : service.nodes(EVERY).items()) {
      known.add(n.node().name());
    }
    if (t.intent.everything() && t.node == null) {
      return IntentResult.rejected(
          t.action(),
          null,
          "node",
          "\""
              + verb(t.action())
              + "\" on every node at once is not planned as one step; name one node",
          t.conversation);
    }
    if (t.node == null) {
      return new IntentResult(
          IntentOutcome.NEEDS_INPUT,
          t.action(),
          null,
          null,
          null,
          null,
          null,
          "Which node should I " + verb(t.action()) + "? " + choices(known) + "?",
          List.of("node"),
          null,
          null,
          t.conversation,
          "Which node should I " + verb(t.action()) + "?",
          null);
    }
    if (!known.contains(t.node)) {
      IntentResult r =
          IntentResult.rejected(
              t.action(),
              null,
              "node",
              "no node is named \"" + t.node + "\"; there are " + names(known),
              t.conversation);
      return r;
    }
    return null;
  }

  private IntentResult deploy(Target t, boolean apply) {
    Intent in = t.intent;
    if (in.image() == null) {
      return IntentResult.needsInput(
          IntentAction.DEPLOY,
          t.workload,
          "Which image should I run"
              + (t.workload == null ? "" : " as " + t.workload)
              + "?"
              + " For example nginx:1.27.",
          List.of("image"),
          t.conversation);
    }
    if (t.workload == null) {
      t.workload = nameFromImage(in.image());
      if (t.workload == null) {
        return IntentResult.needsInput(
            IntentAction.DEPLOY,
            null,
            "What should I call the workload that runs " + in.image() + "?",
            List.of("workload"),
            t.conversation);
      }
    }
    Validate.dnsLabel("workload", t.workload);
    checkCommand(in.command());
    WorkloadSpec.Builder b =
        WorkloadSpec.builder(in.image())
            .command(in.command())
            .env(in.env())
            .replicas(in.replicas() == null ? 1 : in.replicas());
    Resources defaults = WorkloadSpec.builder(in.image()).build().resources();
    b.resources(
        Resources.of(
            in.cpuMillis() == null ? defaults.cpuMillis() : in.cpuMillis(),
            in.memoryMiB() == null ? defaults.memoryMiB() : in.memoryMiB()));
    if (in.restartPolicy() != null) {
      b.restartPolicy(in.restartPolicy());
    }
    b.placement(new Placement(in.nodeSelector(), in.strategy()));
    WorkloadSpec spec = build(b);
    boolean exists = workloadNames().contains(t.workload);
    if (exists) {
      read(t);
    } else if (t.expected != null
        && t.expected.workload().equals(t.workload)
        && t.expected.existed()) {
      throw new StalePlanException(null);
    } else {
      t.basis = PlanBasis.absent(t.workload);
    }
    String what =
        (exists ? "replace the spec of " : "deploy ")
            + t.workload
            + ": "
            + spec.replicas()
            + " x "
            + spec.image()
            + " ("
            + spec.resources()
            + " each)";
    return planOrApply(t, spec, what, apply);
  }

  private IntentResult update(Target t, boolean apply) {
    Intent in = t.intent;
    WorkloadSpec current = read(t).workload().spec();
    WorkloadSpec.Builder b = current.toBuilder();
    List<String> changes = new ArrayList<>();
    if (in.image() != null && !in.image().equals(current.image())) {
      b.image(in.image());
      changes.add("image " + current.image() + " -> " + in.image());
    }
    if (in.cpuMillis() != null || in.memoryMiB() != null) {
      Resources r =
          Resources.of(
              in.cpuMillis() == null ? current.resources().cpuMillis() : in.cpuMillis(),
              in.memoryMiB() == null ? current.resources().memoryMiB() : in.memoryMiB());
      b.resources(r);
      changes.add("resources " + current.resources() + " -> " + r);
    }
    if (!in.command().isEmpty()) {
      checkCommand(in.command());
      b.command(in.command()).args(List.of());
      changes.add("command " + String.join(" ", in.command()));
    }
    if (!in.env().isEmpty()) {
      Map<String, String> env = new LinkedHashMap<>(current.env());
      env.putAll(in.env());
      b.env(env);
      changes.add("env " + in.env());
    }
    if (in.restartPolicy() != null) {
      b.restartPolicy(in.restartPolicy());
      changes.add("restart " + in.restartPolicy().name().toLowerCase(Locale.ROOT));
    }
    if (!in.nodeSelector().isEmpty() || in.strategy() != null) {
      Map<String, String> selector = new LinkedHashMap<>(current.placement().nodeSelector());
      selector.putAll(in.nodeSelector());
      b.placement(
          new Placement(
              selector, in.strategy() == null ? current.placement().strategy() : in.strategy()));
      changes.add("placement " + selector + (in.strategy() == null ? "" : " " + in.strategy()));
    }
    if (in.replicas() != null) {
      b.replicas(in.replicas());
      changes.add("replicas " + current.replicas() + " -> " + in.replicas());
    }
    if (changes.isEmpty()) {
      return IntentResult.needsInput(
          IntentAction.UPDATE,
          t.workload,
          "What should I change on "
              + t.workload
              + ": the image (now "
              + current.image()
              + "), CPU or memory (now "
              + current.resources()
              + "), the command, env or placement?",
          List.of("image", "cpuMillis", "memoryMiB"),
          t.conversation);
    }
    return planOrApply(
        t, build(b), "update " + t.workload + ": " + String.join(", ", changes), apply);
  }

  private IntentResult scale(Target t, boolean apply, boolean confirmed) {
    Intent in = t.intent;
    WorkloadSpec current = read(t).workload().spec();
    int now = current.replicas();
    Integer target = in.replicas();
    if (target == null && in.replicaDelta() != null) {
      target = now + in.replicaDelta();
    } else if (target == null && in.replicaFactor() != null) {
      target = (int) Math.round(now * in.replicaFactor());
      if (target == 0 && now > 0 && in.replicaFactor() > 0) {
        target = 1;
      }
    }
    if (target == null) {
      return IntentResult.needsInput(
          IntentAction.SCALE,
          t.workload,
          "How many replicas should " + t.workload + " run? It runs " + now + " now.",
          List.of("replicas"),
          t.conversation);
    }
    Validate.range("replicas", target, 0, WorkloadSpec.MAX_REPLICAS);
    WorkloadSpec spec = build(current.toBuilder().replicas(target));
    String what = "scale " + t.workload + " from " + now + " to " + target + " replicas";
    if (target == 0 && now > 0 && apply && !confirmed) {
      return confirm(
          t,
          spec,
          service.plan(t.workload, spec),
          "Scale "
              + t.workload
              + " to 0 and stop all "
              + now
              + " of its instances? Answer yes to go ahead.");
    }
    if (!apply) {
      return planned(t, spec, service.plan(t.workload, spec), what);
    }
    Workload w = service.scale(t.workload, target, expectedGeneration(t)).workload();
    t.generation = w.generation();
    return applied(t, w.spec(), null, what);
  }

  private IntentResult delete(Target t, boolean apply, boolean confirmed) {
    WorkloadStatus status = read(t);
    String what =
        "delete " + t.workload + " and stop its " + status.placed() + " placed instance(s)";
    if (!apply) {
      return planned(t, null, null, what);
    }
    if (!confirmed) {
      return confirm(
          t,
          null,
          null,
          "Delete "
              + t.workload
              + " and stop its "
              + status.placed()
              + " placed instance(s)? Answer yes to go ahead.");
    }
    service.delete(t.workload, expectedGeneration(t));
    return applied(t, null, null, what);
  }

  private IntentResult restart(Target t, boolean apply) {
    List<Instance> live = new ArrayList<>();
    for (Instance i : service.instances(InstanceFilter.ofWorkload(t.workload))) {
      if (!i.phase().isTerminal() && i.node() != null) {
        live.add(i);
      }
    }
    String what =
        "restart "
            + t.workload
            + ": replace its "
            + live.size()
            + " placed instance(s) with fresh ones";
    if (!apply) {
      return planned(t, null, null, what);
    }
    int restarted = 0;
    for (Instance i : live) {
      try {
        service.restartInstance(i.id());
        restarted++;
      } catch (NotFoundException gone) {
        // Ended on its own meanwhile; its workload replaces it anyway.
      }
    }
    return applied(t, null, null, "restarted " + restarted + " instance(s) of " + t.workload);
  }

  private IntentResult status(Target t) {
    WorkloadStatus s = service.workload(t.workload);
    WorkloadSpec spec = s.workload().spec();
    String answer =
        t.workload
            + ": "
            + s.state()
            + ", "
            + s.ready()
            + " of "
            + s.desired()
            + " ready ("
            + s.running()
            + " running, "
            + s.pending()
            + " pending, "
            + s.restarts()
            + " restarts); "
            + spec.image()
            + ", "
            + spec.resources()
            + " each"
            + (spec.autoscale() == null
                ? ""
                : ", autoscaled "
                    + spec.autoscale().minReplicas()
                    + "-"
                    + spec.autoscale().maxReplicas())
            + ". "
            + s.message();
    return IntentResult.answered(
        IntentAction.STATUS, t.workload, answer, t.workload + " is " + s.state(), t.conversation);
  }

  private IntentResult diagnose(Target t) {
    WorkloadStatus s = service.workload(t.workload);
    List<String> lines = new ArrayList<>();
    lines.add(t.workload + " is " + s.state() + ": " + s.message());
    Map<String, Integer> pending = new LinkedHashMap<>();
    List<String> crashes = new ArrayList<>();
    for (Instance i : service.instances(InstanceFilter.ofWorkload(t.workload))) {
      if (i.phase() == InstancePhase.PENDING && i.message() != null) {
        pending.merge(i.message(), 1, Integer::sum);
      }
      if (i.restartCount() > 0 || i.phase() == InstancePhase.FAILED) {
        crashes.add(
            i.id()
                + " "
                + i.phase()
                + " after "
                + i.restartCount()
                + " restart(s)"
                + (i.exitCode() == null ? "" : ", exit code " + i.exitCode())
                + (i.reason() == null ? "" : ", " + i.reason())
                + (i.message() == null ? "" : ": " + i.message()));
      }
    }
    pending.forEach((m, n) -> lines.add(n + " instance(s) cannot be placed: " + m));
    lines.addAll(crashes.subList(0, Math.min(crashes.size(), 5)));
    List<Event> events = service.events(ObjectRef.workload(t.workload));
    int shown = 0;
    for (int i = events.size() - 1; i >= 0 && shown < 5; i--) {
      Event e = events.get(i);
      if (e.type() == EventType.WARNING) {
        lines.add("event " + e.reason() + ": " + e.message() + " (x" + e.count() + ")");
        shown++;
      }
    }
    if (lines.size() == 1) {
      lines.add(
          s.state() == WorkloadState.HEALTHY
              ? "nothing is wrong that aino can see"
              : "no failures or warnings recorded yet; check again in a moment");
    }
    return IntentResult.answered(
        IntentAction.DIAGNOSE,
        t.workload,
        String.join("\n", lines),
        "diagnosis of " + t.workload + ": " + s.state(),
        t.conversation);
  }

  private IntentResult logs(Target t) {
    List<String> lines = new ArrayList<>();
    int shown = 0;
    for (Instance i : service.instances(InstanceFilter.ofWorkload(t.workload))) {
      if (shown == MAX_LOG_INSTANCES || i.containerId() == null) {
        continue;
      }
      shown++;
      try {
        InstanceLogs logs = service.logs(i.id(), LOG_TAIL);
        lines.add("== " + i.id() + " on " + i.node() + " ==");
        for (LogLine line : logs.lines()) {
          lines.add(line.text());
        }
      } catch (AinoException e) {
        lines.add("== " + i.id() + ": " + e.getMessage());
      }
    }
    if (lines.isEmpty()) {
      lines.add(t.workload + " has no started container yet, so there is no output to show");
    }
    return IntentResult.answered(
        IntentAction.LOGS,
        t.workload,
        String.join("\n", lines),
        "last lines of " + shown + " instance(s) of " + t.workload,
        t.conversation);
  }

  private IntentResult list(Target t) {
    List<String> lines = new ArrayList<>();
    for (WorkloadStatus s : service.workloads(EVERY).items()) {
      Workload w = s.workload();
      lines.add(
          w.name()
              + "  "
              + s.state()
              + "  "
              + s.ready()
              + "/"
              + s.desired()
              + " ready  "
              + w.spec().image());
    }
    String answer = lines.isEmpty() ? "no workloads yet" : String.join("\n", lines);
    return IntentResult.answered(
        IntentAction.LIST, null, answer, lines.size() + " workload(s)", t.conversation);
  }

  private IntentResult cluster(Target t) {
    ClusterSummary c = service.cluster();
    List<String> lines = new ArrayList<>();
    lines.add(
        c.readyNodes()
            + " of "
            + c.nodes()
            + " node(s) ready; "
            + c.workloads()
            + " workload(s); free "
            + c.free()
            + " of "
            + c.allocatable());
    for (NodeSummary n : service.nodes(EVERY).items()) {
      Node node = n.node();
      lines.add(
          node.name()
              + "  "
              + node.status()
              + (node.schedulable() ? "" : " (cordoned)")
              + "  "
              + n.instances()
              + " instance(s), free "
              + n.free());
    }
    lines.addAll(c.problems());
    return IntentResult.answered(
        IntentAction.CLUSTER_STATUS,
        null,
        String.join("\n", lines),
        c.readyNodes() + "/" + c.nodes() + " nodes ready, free " + c.free(),
        t.conversation);
  }

  private IntentResult autoscale(Target t, boolean apply) {
    Intent in = t.intent;
    WorkloadSpec current = read(t).workload().spec();
    AutoscalePolicy existing = current.autoscale();
    Integer min =
        in.minReplicas() != null
            ? in.minReplicas()
            : existing == null ? null : existing.minReplicas();
    Integer max =
        in.maxReplicas() != null
            ? in.maxReplicas()
            : existing == null ? null : existing.maxReplicas();
    if (max == null) {
      return IntentResult.needsInput(
          IntentAction.AUTOSCALE,
          t.workload,
          "Between how many replicas should "
              + t.workload
              + " scale, and at what CPU use? For example: between 2 and 10 at 70% CPU.",
          min == null ? List.of("minReplicas", "maxReplicas") : List.of("maxReplicas"),
          t.conversation);
    }
    if (min == null) {
      min = 1;
    }
    Integer cpu = in.targetCpuPercent();
    Integer memory = in.targetMemoryPercent();
    if (cpu == null && memory == null) {
      // No target said: keep the policy's targets, or aim at the default CPU use.
      // (Integer, not int: a memory-only policy has no CPU target to unbox.)
      cpu =
          existing == null
              ? Integer.valueOf(DEFAULT_TARGET_CPU_PERCENT)
              : existing.targetCpuPercent();
      memory = existing == null ? null : existing.targetMemoryPercent();
    }
    AutoscalePolicy policy = policy(min, max, cpu, memory);
    int replicas =
        Math.max(policy.minReplicas(), Math.min(policy.maxReplicas(), current.replicas()));
    WorkloadSpec spec = build(current.toBuilder().autoscale(policy).replicas(replicas));
    String what =
        "autoscale "
            + t.workload
            + " between "
            + policy.minReplicas()
            + " and "
            + policy.maxReplicas()
            + " replicas at "
            + (cpu == null ? "" : cpu + "% CPU")
            + (cpu != null && memory != null ? " and " : "")
            + (memory == null ? "" : memory + "% memory")
            + " of the request"
            + (replicas == current.replicas()
                ? ""
                : " (" + current.replicas() + " -> " + replicas + " now)");
    return planOrApply(t, spec, what, apply);
  }

  /** The one place an autoscale policy is made from an intent's numbers. */
  static AutoscalePolicy policy(int min, int max, Integer cpuPercent, Integer memoryPercent) {
    return new AutoscalePolicy(min, max, cpuPercent, memoryPercent);
  }

  private IntentResult autoscaleOff(Target t, boolean apply) {
    WorkloadSpec current = read(t).workload().spec();
    if (current.autoscale() == null) {
      return IntentResult.answered(
          IntentAction.AUTOSCALE_OFF,
          t.workload,
          t.workload + " has no autoscale policy; nothing to turn off",
          t.workload + " is not autoscaled",
          t.conversation);
    }
    WorkloadSpec spec = build(current.toBuilder().autoscale(null));
    return planOrApply(
        t,
        spec,
        "stop autoscaling " + t.workload + ", keeping it at " + spec.replicas() + " replicas",
        apply);
  }

  private IntentResult nodeAction(Target t, boolean apply, boolean confirmed) {
    NodeSummary summary = service.node(t.node);
    String what =
        switch (t.action()) {
          case CORDON ->
              "cordon "
                  + t.node
                  + ": no new instances go there; its "
                  + summary.instances()
                  + " instance(s) keep running";
          case UNCORDON -> "uncordon " + t.node + ": new instances may go there again";
          default ->
              "drain "
                  + t.node
                  + ": cordon it and move its "
                  + summary.instances()
                  + " instance(s) to other nodes";
        };
    if (!apply) {
      return nodeResult(t, IntentOutcome.PLANNED, "would " + what);
    }
    if (t.action() == IntentAction.DRAIN && !confirmed) {
      String question =
          "Drain "
              + t.node
              + " and stop its "
              + summary.instances()
              + " instance(s) there? Answer yes to go ahead.";
      return new IntentResult(
          IntentOutcome.NEEDS_INPUT,
          IntentAction.DRAIN,
          null,
          t.node,
          null,
          null,
          null,
          question,
          List.of("confirm"),
          null,
          null,
          t.conversation,
          question,
          null);
    }
    switch (t.action()) {
      case CORDON -> service.cordon(t.node);
      case UNCORDON -> service.uncordon(t.node);
      default -> {
        DrainResult r = service.drain(t.node);
        what =
            "drained "
                + t.node
                + ": "
                + r.stopping()
                + " instance(s) stopping, to be replaced elsewhere";
        return nodeResult(t, IntentOutcome.APPLIED, what);
      }
    }
    return nodeResult(t, IntentOutcome.APPLIED, what.replaceFirst("^(\\w+)", "$1ed"));
  }

  private static IntentResult nodeResult(Target t, IntentOutcome outcome, String summary) {
    return new IntentResult(
        outcome,
        t.action(),
        null,
        t.node,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        t.conversation,
        summary,
        null);
  }

  private IntentResult planOrApply(Target t, WorkloadSpec spec, String what, boolean apply) {
    PlanResult plan = service.plan(t.workload, spec);
    if (!apply) {
      return planned(t, spec, plan, what);
    }
    Workload applied = applySpec(t.workload, spec, expectedGeneration(t));
    t.generation = applied.generation();
    return applied(t, applied.spec(), plan, what);
  }

  /**
   * The one call of {@link OrchestratorService#apply}: when its answer changes shape, this is the
   * line to change.
   */
  private Workload applySpec(String name, WorkloadSpec spec, Long expectedGeneration) {
    return service.apply(name, spec, expectedGeneration).workload();
  }

  private static IntentResult planned(Target t, WorkloadSpec spec, PlanResult plan, String what) {
    String summary = "would " + what + (plan == null ? "" : " (" + plan.summary() + ")");
    return aboutSpec(IntentOutcome.PLANNED, t, spec, plan, null, summary);
  }

  private static IntentResult applied(Target t, WorkloadSpec spec, PlanResult plan, String what) {
    return aboutSpec(IntentOutcome.APPLIED, t, spec, plan, null, "done: " + what);
  }

  private static IntentResult confirm(
      Target t, WorkloadSpec spec, PlanResult plan, String question) {
    return aboutSpec(IntentOutcome.NEEDS_INPUT, t, spec, plan, question, question);
  }

  /** A result about one workload's spec and plan; a question asks only for confirmation. */
  private static IntentResult aboutSpec(
      IntentOutcome outcome,
      Target t,
      WorkloadSpec spec,
      PlanResult plan,
      String question,
      String summary) {
    return new IntentResult(
        outcome,
        t.action(),
        t.workload,
        null,
        spec,
        plan,
        null,
        question,
        question == null ? null : List.of("confirm"),
        null,
        null,
        t.conversation,
        summary,
        t.generation());
  }

  private static WorkloadSpec build(WorkloadSpec.Builder b) {
    return b.build();
  }

  /** Refuses arguments that only a shell would understand; aino never builds a shell string. */
  static void checkCommand(List<String> command) {
    for (int i = 0; i < command.size(); i++) {
      Matcher m = SHELL.matcher(command.get(i));
      if (m.find()) {
        throw new ValidationException(
            "command",
            "\""
                + String.join(" ", command)
                + "\" needs a shell ('"
                + (m.group().equals("\n") ? "\\n" : m.group())
                + "'); aino runs the program with its arguments directly, without a shell:"
                + " give the program and its arguments only");
      }
    }
  }

  /** A workload name from an image: {@code ghcr.io/acme/api-server:2} gives {@code api-server}. */
  static String nameFromImage(String image) {
    String repo = image;
    int at = repo.indexOf('@');
    if (at >= 0) {
      repo = repo.substring(0, at);
    }
    int slash = repo.lastIndexOf('/');
    int colon = repo.lastIndexOf(':');
    if (colon > slash) {
      repo = repo.substring(0, colon);
    }
    String last = repo.substring(slash + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    last = last.replaceAll("^-+|-+$", "");
    if (last.length() > 63) {
      last = last.substring(0, 63).replaceAll("-+$", "");
    }
    return last.isEmpty() ? null : last;
  }

  private List<String> workloadNames() {
    List<String> names = new ArrayList<>();
    for (WorkloadStatus s : service.workloads(EVERY).items()) {
      if (!s.workload().isDeleting()) {
        names.add(s.workload().name());
      }
    }
    return names;
  }

  private static String verb(IntentAction action) {
    return switch (action) {
      case DEPLOY -> "deploy";
      case UPDATE -> "update";
      case SCALE -> "scale";
      case DELETE -> "delete";
      case RESTART -> "restart";
      case STATUS -> "show";
      case DIAGNOSE -> "diagnose";
      case LOGS -> "show the logs of";
      case LIST -> "list";
      case CLUSTER_STATUS -> "show";
      case AUTOSCALE -> "autoscale";
      case AUTOSCALE_OFF -> "stop autoscaling";
      case CORDON -> "cordon";
      case UNCORDON -> "uncordon";
      case DRAIN -> "drain";
    };
  }

  /** "web, api or db", at most a few names. */
  private static String choices(List<String> names) {
    if (names.isEmpty()) {
      return "There are none";
    }
    List<String> shown = names.subList(0, Math.min(names.size(), MAX_NAMES_IN_QUESTION));
    String text =
        shown.size() == 1
            ? shown.get(0)
            : String.join(", ", shown.subList(0, shown.size() - 1))
                + " or "
                + shown.get(shown.size() - 1);
    return names.size() > shown.size()
        ? text + " (or one of " + (names.size() - shown.size()) + " more)"
        : text;
  }

  private static String names(List<String> names) {
    return names.isEmpty() ? "none" : choices(names);
  }

  static AinoException internal(String message) {
    return new AinoException(ErrorCode.INTERNAL, message);
  }
}
