package dev.aino.api.impl;

import dev.aino.api.ApplyOutcome;
import dev.aino.api.ApplyResult;
import dev.aino.api.Caller;
import dev.aino.api.ChangeOptions;
import dev.aino.api.ClusterSummary;
import dev.aino.api.DrainResult;
import dev.aino.api.InstanceFilter;
import dev.aino.api.InstanceLogListener;
import dev.aino.api.InstanceLogSource;
import dev.aino.api.InstanceLogs;
import dev.aino.api.InstanceUsage;
import dev.aino.api.InstanceUsageSource;
import dev.aino.api.NodeSummary;
import dev.aino.api.OrchestratorService;
import dev.aino.api.OwnedByAnotherException;
import dev.aino.api.Page;
import dev.aino.api.PageRequest;
import dev.aino.api.PlanResult;
import dev.aino.api.StaleGenerationException;
import dev.aino.api.WorkloadStatus;
import dev.aino.api.WorkloadUsage;
import dev.aino.error.ConflictException;
import dev.aino.error.FailedPreconditionException;
import dev.aino.error.NotFoundException;
import dev.aino.error.ValidationException;
import dev.aino.image.LocalImages;
import dev.aino.model.AutoscalePolicy;
import dev.aino.model.DesiredState;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.model.Ownership;
import dev.aino.model.Validate;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.reconcile.InstanceIds;
import dev.aino.reconcile.LeaderGate;
import dev.aino.reconcile.WorkloadPlanner;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.scheduler.FitReport;
import dev.aino.scheduler.Scheduler;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.UpdateResult;
import dev.aino.store.WriteOp;
import dev.aino.text.Counts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@link OrchestratorService} over the state store. Writes are compare-and-swap read-modify-writes
 * ({@link StateStore#update(ObjectKind, String, java.util.function.Function)}), so concurrent
 * callers never lose each other's changes; the control loop does the rest.
 */
public final class CoreOrchestratorService implements OrchestratorService {
  private final StateStore store;
  private final Clock clock;
  private final StatusViews views;
  private final LeaderGate leadership;
  private final DryRun dryRun;
  private final InstanceLogReader logs;
  private final LocalImages localImages;
  private final InstanceUsageSource usage;

  /** Who the events of this facade's changes name; null: the control plane itself. */
  private final Caller actor;

  /** A service that reads no container logs (it has no node agent): benchmarks, tests. */
  public CoreOrchestratorService(StateStore store, Scheduler scheduler, Clock clock) {
    this(store, scheduler, clock, InstanceLogSource.unavailable());
  }

  /**
   * A service that reads containers' output through {@code logSource}; no usage, no local images.
   */
  public CoreOrchestratorService(
      StateStore store, Scheduler scheduler, Clock clock, InstanceLogSource logSource) {
    this(store, scheduler, clock, logSource, InstanceUsageSource.unavailable(), LocalImages.NONE);
  }

  /**
   * A service that reads containers' output through {@code logSource}, their CPU and memory use
   * through {@code usageSource}, and accepts {@code rootfs:} and {@code oci:} images only where
   * {@code localImages} allows them.
   */
  public CoreOrchestratorService(
      StateStore store,
      Scheduler scheduler,
      Clock clock,
      InstanceLogSource logSource,
      InstanceUsageSource usageSource,
      LocalImages localImages) {
    this(store, scheduler, clock, logSource, usageSource, localImages, LeaderGate.ALWAYS);
  }

  /**
   * As above, for one of several servers: {@link #cluster()} names the leader {@code leadership}
   * knows of.
   */
  public CoreOrchestratorService(
      StateStore store,
      Scheduler scheduler,
      Clock clock,
      InstanceLogSource logSource,
      InstanceUsageSource usageSource,
      LocalImages localImages,
      LeaderGate leadership) {
    this.leadership = Objects.requireNonNull(leadership, "leadership");
    this.localImages = Objects.requireNonNull(localImages, "localImages");
    this.logs = new InstanceLogReader(logSource);
    this.usage = Objects.requireNonNull(usageSource, "usageSource");
    this.store = store;
    this.clock = clock;
    this.views = new StatusViews(store);
    this.dryRun =
        new DryRun(store, scheduler, new WorkloadPlanner(new InstanceIds(new Random(0))), clock);
    this.actor = null;
  }

  private CoreOrchestratorService(CoreOrchestratorService base, Caller actor) {
    this.store = base.store;
    this.clock = base.clock;
    this.views = base.views;
    this.dryRun = base.dryRun;
    this.logs = base.logs;
    this.localImages = base.localImages;
    this.usage = base.usage;
    this.leadership = base.leadership;
    this.actor = actor;
  }

  @Override
  public OrchestratorService recordingAs(Caller caller) {
    return new CoreOrchestratorService(this, Objects.requireNonNull(caller, "caller"));
  }

  @Override
  public ApplyResult apply(String name, WorkloadSpec spec, ChangeOptions options) {
    Validate.dnsLabel("name", name);
    Validate.required("spec", spec);
    Validate.required("options", options);
    Long expectedGeneration = options.expectedGeneration();
    String[] overridden = new String[1];
    localImages.check("spec.image", spec.imageReference());
    Instant now = clock.instant();
    // A lost race re-reads and decides again: the last apply wins.
    UpdateResult<Workload> result =
        store.update(
            ObjectKind.WORKLOADS,
            name,
            existing -> {
              if (existing.isEmpty()) {
                if (expectedGeneration != null) {
                  throw NotFoundException.of("workload", name);
                }
                overridden[0] = null;
                return Workload.create(name, spec, now)
                    .withManager(
                        options.manager() != null ? options.manager() : actorName(),
                        options.ownership());
              }
              Workload w = existing.get();
              expectGeneration(w, expectedGeneration);
              if (w.isDeleting()) {
                throw new ConflictException(
                    "workload \"" + name + "\" is being deleted; apply again once it is gone");
              }
              overridden[0] = checkOwnership(w, options, "apply workload " + name);
              Workload changed = w.withSpec(spec);
              if (options.manager() != null || options.ownership() != null) {
                changed =
                    changed.withManager(
                        options.manager() != null ? options.manager() : w.manager(),
                        options.ownership() != null ? options.ownership() : w.ownership());
              }
              return changed;
            });
    Workload written = result.after();
    if (result.created()) {
      // At the creation time: the controller may record Scheduled before this line runs.
      store.recordEvent(
          ObjectRef.workload(name),
          EventType.NORMAL,
          "Created",
          "created with " + Counts.of(spec.replicas(), "replica") + " of " + spec.image(),
          now,
          actor);
      return new ApplyResult(ApplyOutcome.CREATED, views.status(written));
    }
    if (!result.written()) {
      return new ApplyResult(ApplyOutcome.UNCHANGED, views.status(written));
    }
    recordOverride(name, overridden[0]);
    store.recordEvent(
        ObjectRef.workload(name),
        EventType.NORMAL,
        "Configured",
        "spec changed: generation " + written.generation(),
        null,
        actor);
    return new ApplyResult(ApplyOutcome.CONFIGURED, views.status(written));
  }

  @Override
  public WorkloadStatus scale(String name, int replicas, ChangeOptions options) {
    Validate.range("replicas", replicas, 0, WorkloadSpec.MAX_REPLICAS);
    Validate.required("options", options);
    Long expectedGeneration = options.expectedGeneration();
    String[] clampedBy = new String[1];
    String[] overridden = new String[1];
    Workload scaled =
        modifyWorkload(
            name,
            w -> {
              expectGeneration(w, expectedGeneration);
              if (w.isDeleting()) {
                throw new ConflictException("workload \"" + name + "\" is being deleted");
              }
              overridden[0] = checkOwnership(w, options, "scale workload " + name);
              if (overridden[0] == null
                  && actor != null
                  && w.spec().autoscale() != null
                  && w.spec().replicas() != replicas) {
                overridden[0] = checkReplicasOwner(w, options);
              }
              WorkloadSpec spec;
              AutoscalePolicy policy = w.spec().autoscale();
              int count = replicas;
              clampedBy[0] = null;
              if (policy != null && policy.clamp(replicas) != replicas) {
                count = policy.clamp(replicas);
                clampedBy[0] = policy.describe();
              }
              try {
                spec = w.spec().withReplicas(count);
              } catch (ValidationException e) {
                throw e.under("spec");
              }
              return w.withSpec(spec);
            });
    int count = scaled.spec().replicas();
    recordOverride(name, overridden[0]);
    store.recordEvent(
        ObjectRef.workload(name),
        EventType.NORMAL,
        "Scaled",
        clampedBy[0] == null
            ? "scaled to " + Counts.of(count, "replica")
            : "scaled to "
                + Counts.of(count, "replica")
                + ", not the "
                + replicas
                + " asked: its autoscale policy keeps it at "
                + clampedBy[0],
        null,
        actor);
    return views.status(scaled);
  }

  @Override
  public WorkloadStatus delete(String name, ChangeOptions options) {
    Validate.required("options", options);
    String[] overridden = new String[1];
    Workload marked =
        modifyWorkload(
            name,
            w -> {
              expectGeneration(w, options.expectedGeneration());
              overridden[0] =
                  w.isDeleting() ? null : checkOwnership(w, options, "delete workload " + name);
              return w.isDeleting() ? w : w.markedForDeletion(clock.instant());
            });
    recordOverride(name, overridden[0]);
    store.recordEvent(
        ObjectRef.workload(name),
        EventType.NORMAL,
        "Deleting",
        "stopping instances, then deleting",
        null,
        actor);
    return views.status(marked);
  }

  @Override
  public WorkloadStatus workload(String name) {
    WorkloadStatus status = views.status(requireWorkload(name));
    return status.running() == 0 ? status : status.withUsage(usageOf(name));
  }

  /**
   * The average use of the workload's running instances; one that cannot be measured (just started,
   * its node unreachable) is counted as unmeasured rather than failing the status.
   */
  private WorkloadUsage usageOf(String name) {
    return WorkloadUsage.measure(store.instancesOf(name), usage);
  }

  @Override
  public Page<WorkloadStatus> workloads(PageRequest page) {
    // Status needs the instances: computed for the page only.
    Page<Workload> workloads = Page.of(store.workloads(), Workload::name, page);
    return new Page<>(views.statuses(workloads.items()), workloads.total(), workloads.nextCursor());
  }

  @Override
  public Page<Instance> instances(InstanceFilter filter, PageRequest page) {
    return Page.of(instances(filter), Instance::id, page);
  }

  @Override
  public List<Instance> instances(InstanceFilter filter) {
    InstanceFilter f = filter == null ? InstanceFilter.ALL : filter;
    List<Instance> source =
        f.workload() != null ? store.instancesOf(f.workload()) : store.instances();
    List<Instance> out = new ArrayList<>();
    for (Instance i : source) {
      if ((f.node() == null || f.node().equals(i.node()))
          && (f.phase() == null || f.phase() == i.phase())) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public Instance instance(String id) {
    Validate.dnsLabel("id", id);
    return store.instance(id).orElseThrow(() -> NotFoundException.of("instance", id));
  }

  @Override
  public InstanceLogs logs(String id, LogQuery query) {
    return logs.read(instance(id), query);
  }

  @Override
  public InstanceUsage stats(String id) {
    Instance i = instance(id);
    if (i.phase() != InstancePhase.RUNNING || i.node() == null) {
      throw new FailedPreconditionException(
          "instance \""
              + id
              + "\" is "
              + i.phase()
              + (i.reason() == null ? "" : " (" + i.reason() + ")")
              + ", not running, so it has no usage to read");
    }
    return usage.usage(i);
  }

  @Override
  public LogSubscription followLogs(String id, LogQuery backlog, InstanceLogListener listener) {
    return logs.follow(instance(id), backlog, listener);
  }

  @Override
  public Instance restartInstance(String id) {
    Validate.dnsLabel("id", id);
    Instance stopping =
        store
            .update(
                ObjectKind.INSTANCES,
                Instance.workloadOf(id) + "/" + id,
                current -> {
                  Instance i = current.orElseThrow(() -> NotFoundException.of("instance", id));
                  if (i.phase().isTerminal()) {
                    throw new ConflictException(
                        "instance \""
                            + id
                            + "\" has already ended ("
                            + i.phase()
                            + "); its workload replaces it");
                  }
                  return i.toBuilder()
                      .desired(DesiredState.STOP)
                      .reason(InstanceReasons.RESTART_REQUESTED)
                      .message("restart requested; a fresh instance replaces it")
                      .build();
                })
            .after();
    store.recordEvent(
        ObjectRef.instance(id),
        EventType.NORMAL,
        "RestartRequested",
        "restart requested",
        null,
        actor);
    return stopping;
  }

  @Override
  public NodeSummary cordon(String node) {
    return setSchedulable(node, false, "Cordoned", "no new instances");
  }

  @Override
  public NodeSummary uncordon(String node) {
    return setSchedulable(node, true, "Uncordoned", "accepts instances");
  }

  private NodeSummary setSchedulable(
      String node, boolean schedulable, String reason, String message) {
    Node changed = modifyNode(node, n -> n.withSchedulable(schedulable));
    store.recordEvent(ObjectRef.node(node), EventType.NORMAL, reason, message, null, actor);
    return views.nodeSummary(changed);
  }

  @Override
  public DrainResult drain(String node) {
    Node cordoned = modifyNode(node, n -> n.withSchedulable(false));
    int stopping = 0;
    for (Instance i : store.instancesOn(node)) {
      if (i.phase().isTerminal() || i.desired() == DesiredState.STOP) {
        continue;
      }
      try {
        store.commit(
            List.of(
                WriteOp.update(
                    i.toBuilder()
                        .desired(DesiredState.STOP)
                        .reason(InstanceReasons.DRAINED)
                        .message("node " + node + " is being drained")
                        .build())));
        stopping++;
      } catch (ConflictException | NotFoundException race) {
        // It changed or ended meanwhile; a drain is best effort per instance and can be repeated.
      }
    }
    store.recordEvent(
        ObjectRef.node(node),
        EventType.NORMAL,
        "Drained",
        "cordoned; " + Counts.of(stopping, "instance") + " asked to stop");
    return new DrainResult(cordoned, stopping);
  }

  @Override
  public Page<NodeSummary> nodes(PageRequest page) {
    return Page.of(views.nodeSummaries(), s -> s.node().name(), page);
  }

  @Override
  public NodeSummary node(String name) {
    Validate.dnsLabel("name", name);
    return views.nodeSummary(
        store.node(name).orElseThrow(() -> NotFoundException.of("node", name)));
  }

  @Override
  public ClusterSummary cluster() {
    return views.cluster().withLeader(leadership.leaderName().orElse(null));
  }

  @Override
  public List<Event> events(ObjectRef object) {
    return store.events(object);
  }

  @Override
  public Page<Event> events(ObjectRef object, EventType type, String by, PageRequest page) {
    List<Event> events = object == null ? store.events() : store.events(object);
    if (type != null || by != null) {
      events =
          events.stream()
              .filter(e -> (type == null || e.type() == type) && (by == null || e.causedBy(by)))
              .toList();
    }
    return Page.of(events, NEWEST_FIRST, page);
  }

  /**
   * Sorts events newest first: the time counted down from the largest instant, then the key, so
   * that a cursor can name an event's place among ones seen later or earlier.
   */
  private static final Function<Event, String> NEWEST_FIRST =
      e ->
          String.format(
                  "%019d",
                  Long.MAX_VALUE
                      - (e.lastSeen().getEpochSecond() * 1_000_000_000L + e.lastSeen().getNano()))
              + " "
              + e.storeKey();

  @Override
  public Optional<FitReport> pendingFit(String workload) {
    return dryRun.pendingFit(requireWorkload(workload));
  }

  @Override
  public PlanResult plan(String name, WorkloadSpec spec) {
    Validate.dnsLabel("name", name);
    Validate.required("spec", spec);
    localImages.check("spec.image", spec.imageReference());
    return dryRun.plan(name, spec);
  }

  /**
   * Refuses a change made on the condition that the workload is at {@code expected} when it is not.
   * Called inside the compare-and-swap, so the check and the write see the same workload.
   */
  private void expectGeneration(Workload current, Long expected) {
    if (expected != null && current.generation() != expected) {
      throw new StaleGenerationException(current.name(), expected, views.status(current));
    }
  }

  /** The name of the caller this facade's changes are made for; null for the control plane. */
  private String actorName() {
    return actor == null ? null : actor.name();
  }

  /**
   * Checks a change of {@code w} by this facade's caller against its manager, inside the
   * compare-and-swap: refused when another caller manages it strictly and the change is not forced;
   * otherwise the message of the {@code ManagerOverride} event to record once it is written, or
   * null when the caller is the manager (or the control plane, or no one manages it).
   */
  private String checkOwnership(Workload w, ChangeOptions options, String what) {
    String by = actorName();
    if (!w.isManagedByAnother(by)) {
      return null;
    }
    boolean strict = w.ownership() == Ownership.STRICT;
    if (strict && !options.force()) {
      throw new OwnedByAnotherException(what, w.manager(), by);
    }
    return by
        + " changed it ("
        + what
        + "), which "
        + w.manager()
        + " manages"
        + (strict ? " strictly; forced" : "");
  }

  /**
   * A manual scale of an autoscaled workload, whose replicas the autoscaler manages: the message of
   * the {@code ManagerOverride} event that says so, or refused under strict ownership unless
   * forced.
   */
  private String checkReplicasOwner(Workload w, ChangeOptions options) {
    if (w.ownership() == Ownership.STRICT && !options.force()) {
      throw OwnedByAnotherException.replicasOfAutoscaled(
          w.name(), w.spec().autoscale().describe(), actorName());
    }
    return actorName()
        + " scaled it by hand, but the autoscaler manages its replicas ("
        + w.spec().autoscale().describe()
        + ") and will move them as the load asks"
        + (w.ownership() == Ownership.STRICT ? "; forced" : "");
  }

  /** Records that a caller changed a workload another manages, naming both. */
  private void recordOverride(String name, String message) {
    if (message != null) {
      store.recordEvent(
          ObjectRef.workload(name), EventType.WARNING, "ManagerOverride", message, null, actor);
    }
  }

  private Workload requireWorkload(String name) {
    Validate.dnsLabel("name", name);
    return store.workload(name).orElseThrow(() -> NotFoundException.of("workload", name));
  }

  /** Changes an existing workload by compare-and-swap; a lost race re-applies the change. */
  private Workload modifyWorkload(String name, UnaryOperator<Workload> change) {
    Validate.dnsLabel("name", name);
    return store
        .update(
            ObjectKind.WORKLOADS,
            name,
            w -> change.apply(w.orElseThrow(() -> NotFoundException.of("workload", name))))
        .after();
  }

  /**
   * Changes an existing node by compare-and-swap; a lost race (often a heartbeat) re-applies it.
   */
  private Node modifyNode(String name, UnaryOperator<Node> change) {
    Validate.dnsLabel("node", name);
    return store
        .update(
            ObjectKind.NODES,
            name,
            n -> change.apply(n.orElseThrow(() -> NotFoundException.of("node", name))))
        .after();
  }
}
