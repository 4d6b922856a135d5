package dev.aino.api.impl;

import dev.aino.api.ClusterSummary;
import dev.aino.api.DrainResult;
import dev.aino.api.InstanceFilter;
import dev.aino.api.InstanceLogListener;
import dev.aino.api.InstanceLogSource;
import dev.aino.api.InstanceLogs;
import dev.aino.api.NodeSummary;
import dev.aino.api.OrchestratorService;
import dev.aino.api.PlanResult;
import dev.aino.api.WorkloadStatus;
import dev.aino.error.AlreadyExistsException;
import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.error.ValidationException;
import dev.aino.model.DesiredState;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.model.StoredObject;
import dev.aino.model.Validate;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.reconcile.InstanceIds;
import dev.aino.reconcile.WorkloadPlanner;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.scheduler.Scheduler;
import dev.aino.store.StateStore;
import dev.aino.store.WriteOp;
import dev.aino.text.Counts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@link OrchestratorService} over the state store. Writes are compare-and-swap read-modify-write
 * loops, so concurrent callers never lose each other's changes; the control loop does the rest.
 */
public final class CoreOrchestratorService implements OrchestratorService {
  private static final int CAS_ATTEMPTS = 16;

  private final StateStore store;
  private final Clock clock;
  private final StatusViews views;
  private final DryRun dryRun;
  private final InstanceLogReader logs;

  /** A service that reads no container logs (it has no node agent): benchmarks, tests. */
  public CoreOrchestratorService(StateStore store, Scheduler scheduler, Clock clock) {
    this(store, scheduler, clock, InstanceLogSource.unavailable());
  }

  /** A service that reads containers' output through {@code logSource}. */
  public CoreOrchestratorService(
      StateStore store, Scheduler scheduler, Clock clock, InstanceLogSource logSource) {
    this.logs = new InstanceLogReader(logSource);
    this.store = store;
    this.clock = clock;
    this.views = new StatusViews(store);
    this.dryRun =
        new DryRun(store, scheduler, new WorkloadPlanner(new InstanceIds(new Random(0))), clock);
  }

  @Override
  public Workload apply(String name, WorkloadSpec spec) {
    Validate.dnsLabel("name", name);
    Validate.required("spec", spec);
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      Optional<Workload> existing = store.workload(name);
      if (existing.isPresent() && existing.get().isDeleting()) {
        throw new ConflictException(
            "workload \"" + name + "\" is being deleted; apply again once it is gone");
      }
      try {
        if (existing.isEmpty()) {
          Instant now = clock.instant();
          Workload created = store.create(Workload.create(name, spec, now));
          // At the creation time: the controller may record Scheduled before this line runs.
          store.recordEvent(
              ObjectRef.workload(name),
              EventType.NORMAL,
              "Created",
              "created with " + Counts.of(spec.replicas(), "replica") + " of " + spec.image(),
              now);
          return created;
        }
        Workload current = existing.get();
        Workload next = current.withSpec(spec);
        if (next.equals(current)) {
          return current;
        }
        Workload updated = store.update(next);
        store.recordEvent(
            ObjectRef.workload(name),
            EventType.NORMAL,
            "Updated",
            "spec updated to generation " + updated.generation());
        return updated;
      } catch (ConflictException | AlreadyExistsException | NotFoundException race) {
        // Someone else wrote in between: read again; the last apply wins.
      }
    }
    throw new ConflictException("workload \"" + name + "\" kept changing; try again");
  }

  @Override
  public Workload scale(String name, int replicas) {
    Validate.range("replicas", replicas, 0, WorkloadSpec.MAX_REPLICAS);
    Workload scaled =
        modifyWorkload(
            name,
            w -> {
              if (w.isDeleting()) {
                throw new ConflictException("workload \"" + name + "\" is being deleted");
              }
              WorkloadSpec spec;
              try {
                spec = w.spec().withReplicas(replicas);
              } catch (ValidationException e) {
                throw e.under("spec");
              }
              return w.withSpec(spec);
            });
    store.recordEvent(
        ObjectRef.workload(name),
        EventType.NORMAL,
        "Scaled",
        "scaled to " + Counts.of(replicas, "replica"));
    return scaled;
  }

  @Override
  public Workload delete(String name) {
    Workload marked =
        modifyWorkload(name, w -> w.isDeleting() ? w : w.markedForDeletion(clock.instant()));
    store.recordEvent(
        ObjectRef.workload(name),
        EventType.NORMAL,
        "Deleting",
        "stopping instances, then deleting");
    return marked;
  }

  @Override
  public WorkloadStatus workload(String name) {
    return views.status(requireWorkload(name));
  }

  @Override
  public List<WorkloadStatus> workloads() {
    return views.statuses(store.workloads());
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
  public LogSubscription followLogs(String id, LogQuery backlog, InstanceLogListener listener) {
    return logs.follow(instance(id), backlog, listener);
  }

  @Override
  public Instance restartInstance(String id) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      Instance i = instance(id);
      if (i.phase().isTerminal()) {
        throw new ConflictException(
            "instance \""
                + id
                + "\" has already ended ("
                + i.phase()
                + "); its workload replaces it");
      }
      try {
        Instance stopping =
            store.update(
                i.toBuilder()
                    .desired(DesiredState.STOP)
                    .reason("RestartRequested")
                    .message("restart requested; a fresh instance replaces it")
                    .build());
        store.recordEvent(
            ObjectRef.instance(id), EventType.NORMAL, "RestartRequested", "restart requested");
        return stopping;
      } catch (ConflictException race) {
        // The agent updated it meanwhile; try again on the fresh copy.
      }
    }
    throw new ConflictException("instance \"" + id + "\" kept changing; try again");
  }

  @Override
  public Node cordon(String node) {
    Node cordoned = modifyNode(node, n -> n.withSchedulable(false));
    store.recordEvent(ObjectRef.node(node), EventType.NORMAL, "Cordoned", "no new instances");
    return cordoned;
  }

  @Override
  public Node uncordon(String node) {
    Node uncordoned = modifyNode(node, n -> n.withSchedulable(true));
    store.recordEvent(ObjectRef.node(node), EventType.NORMAL, "Uncordoned", "accepts instances");
    return uncordoned;
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
                        .reason("Drained")
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
  public List<NodeSummary> nodes() {
    return views.nodeSummaries();
  }

  @Override
  public NodeSummary node(String name) {
    Validate.dnsLabel("name", name);
    return views.nodeSummaries().stream()
        .filter(s -> s.node().name().equals(name))
        .findFirst()
        .orElseThrow(() -> NotFoundException.of("node", name));
  }

  @Override
  public ClusterSummary cluster() {
    return views.cluster();
  }

  @Override
  public List<Event> events(ObjectRef object) {
    return store.events(object);
  }

  @Override
  public List<Event> events() {
    return store.events();
  }

  @Override
  public PlanResult plan(String name, WorkloadSpec spec) {
    Validate.dnsLabel("name", name);
    Validate.required("spec", spec);
    return dryRun.plan(name, spec);
  }

  private Workload requireWorkload(String name) {
    Validate.dnsLabel("name", name);
    return store.workload(name).orElseThrow(() -> NotFoundException.of("workload", name));
  }

  private Workload modifyWorkload(String name, UnaryOperator<Workload> change) {
    return modify(() -> requireWorkload(name), change, "workload \"" + name + "\"");
  }

  private Node modifyNode(String name, UnaryOperator<Node> change) {
    Validate.dnsLabel("node", name);
    return modify(
        () -> store.node(name).orElseThrow(() -> NotFoundException.of("node", name)),
        change,
        "node \"" + name + "\"");
  }

  /** Read, change, compare-and-swap; on a lost race re-apply the change to the newer copy. */
  private <T extends StoredObject<T>> T modify(
      Supplier<T> read, UnaryOperator<T> change, String what) {
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      T current = read.get();
      T next = change.apply(current);
      if (next.equals(current)) {
        return current;
      }
      try {
        return store.update(next);
      } catch (ConflictException race) {
        // Another writer (often a heartbeat) landed in between.
      }
    }
    throw new ConflictException(what + " kept changing; try again");
  }
}
