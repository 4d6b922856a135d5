package dev.aino.api;

import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.model.WorkloadSpec;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.scheduler.FitReport;
import java.util.List;
import java.util.Optional;

/**
 * The one facade every adapter (CLI, REST, MCP, A2A, console) calls. Every method validates its
 * input and throws {@link dev.aino.error.AinoException}s whose code the adapter maps in one place.
 */
public interface OrchestratorService {
  /**
   * This facade as {@code caller} sees it: every change is checked against the caller's {@link
   * Role} and refused with a {@link dev.aino.error.PermissionDeniedException} naming the caller and
   * the role when the role does not allow it. Surfaces call this once per request with the caller
   * they authenticated; the unscoped facade is the control plane's own.
   */
  default OrchestratorService as(Caller caller) {
    return new CallerScopedService(recordingAs(caller), caller);
  }

  /**
   * This facade, naming {@code caller} on the events its changes cause, without any role check:
   * {@link #as(Caller)} checks the role first and then calls the facade this returns. A facade that
   * records no events returns itself.
   */
  default OrchestratorService recordingAs(Caller caller) {
    return this;
  }

  /**
   * Creates the workload or replaces its spec (the generation moves when the spec changed), and
   * says which it did with the workload it wrote. Surfaces report this result as it is: reading the
   * workload before or after would race with concurrent applies of the same name.
   */
  default ApplyResult apply(String name, WorkloadSpec spec) {
    return apply(name, spec, ChangeOptions.NONE);
  }

  /**
   * As {@link #apply(String, WorkloadSpec)}, only if the workload is at {@code expectedGeneration}
   * (null: whatever its generation; an existing workload is expected, and a missing one is a {@link
   * dev.aino.error.NotFoundException}).
   *
   * @throws StaleGenerationException carrying the workload as it is, when it moved on
   */
  default ApplyResult apply(String name, WorkloadSpec spec, Long expectedGeneration) {
    return apply(name, spec, ChangeOptions.expecting(expectedGeneration));
  }

  /**
   * As {@link #apply(String, WorkloadSpec, Long)} with the conditions and ownership of {@code
   * options}. A new workload is managed by {@code options.manager()} or else by the caller; a
   * change by a caller that is not the manager records a {@code ManagerOverride} event, and is
   * refused when the manager holds the workload with {@link dev.aino.model.Ownership#STRICT}
   * ownership, unless it is forced.
   *
   * @throws OwnedByAnotherException when another caller manages it strictly and it is not forced
   */
  ApplyResult apply(String name, WorkloadSpec spec, ChangeOptions options);

  /**
   * Sets the replica count; returns the workload as written, with its instance counts. On a
   * workload with an autoscale policy the count is clamped to the policy's bounds (the {@code
   * Scaled} event says it was clamped); the autoscaler moves it from there as the load asks.
   */
  default WorkloadStatus scale(String name, int replicas) {
    return scale(name, replicas, ChangeOptions.NONE);
  }

  /**
   * As {@link #scale(String, int)}, only if the workload is at {@code expectedGeneration} (null:
   * whatever its generation).
   *
   * @throws StaleGenerationException carrying the workload as it is, when it moved on
   */
  default WorkloadStatus scale(String name, int replicas, Long expectedGeneration) {
    return scale(name, replicas, ChangeOptions.expecting(expectedGeneration));
  }

  /**
   * As {@link #scale(String, int, Long)}, checked for ownership as {@link #apply(String,
   * WorkloadSpec, ChangeOptions)} is. The autoscaler manages the replicas of an autoscaled
   * workload: a manual scale of one records a {@code ManagerOverride} event saying so, and is
   * refused under strict ownership unless it is forced.
   */
  WorkloadStatus scale(String name, int replicas, ChangeOptions options);

  /**
   * Stops the workload's instances, then removes it; returns it as marked for deletion, with its
   * instance counts.
   */
  default WorkloadStatus delete(String name) {
    return delete(name, ChangeOptions.NONE);
  }

  /**
   * As {@link #delete(String)}, only if the workload is at {@code expectedGeneration} (null:
   * whatever its generation).
   *
   * @throws StaleGenerationException carrying the workload as it is, when it moved on
   */
  default WorkloadStatus delete(String name, Long expectedGeneration) {
    return delete(name, ChangeOptions.expecting(expectedGeneration));
  }

  /** As {@link #delete(String, Long)}, checked for ownership as an apply is. */
  WorkloadStatus delete(String name, ChangeOptions options);

  /**
   * The workload with its counts and, for its running instances, their average CPU and memory use
   * ({@link WorkloadStatus#usage()}); a list of workloads leaves the usage out.
   */
  WorkloadStatus workload(String name);

  /** A page of workloads with their status, by name. */
  Page<WorkloadStatus> workloads(PageRequest page);

  /** A page of the instances {@code filter} selects, by id. */
  Page<Instance> instances(InstanceFilter filter, PageRequest page);

  /**
   * Every instance {@code filter} selects, by id: for callers that need all of one workload's or
   * one node's instances (a detail view, a diagnosis); lists that users page go through {@link
   * #instances(InstanceFilter, PageRequest)}.
   */
  List<Instance> instances(InstanceFilter filter);

  Instance instance(String id);

  /**
   * What the instance's current container wrote, selected by {@code query}, wherever in the cluster
   * it runs.
   *
   * @throws dev.aino.error.NotFoundException when no instance has this id
   * @throws dev.aino.error.FailedPreconditionException when it has not started (yet), naming its
   *     phase and reason
   * @throws dev.aino.error.UnavailableException when its node cannot be reached
   */
  InstanceLogs logs(String id, LogQuery query);

  /**
   * How much CPU and memory the instance's container used lately, and what share of its request
   * that is, as its node agent sampled it.
   *
   * @throws dev.aino.error.NotFoundException when no instance has this id
   * @throws dev.aino.error.FailedPreconditionException when it has no running container, naming its
   *     phase
   * @throws dev.aino.error.UnavailableException when its node cannot be reached
   */
  InstanceUsage stats(String id);

  /**
   * Delivers the lines {@code backlog} selects, then every new line as it is written, to {@code
   * listener} until the container ends ({@link InstanceLogListener#ended}) or the caller closes the
   * returned subscription. Fails as {@link #logs} does before anything is delivered.
   */
  LogSubscription followLogs(String id, LogQuery backlog, InstanceLogListener listener);

  /** Stops the instance; its workload replaces it with a fresh one. */
  Instance restartInstance(String id);

  /** Keeps new instances off the node; returns the node as written, with its allocation. */
  NodeSummary cordon(String node);

  /** Lets new instances onto the node again; returns it as written, with its allocation. */
  NodeSummary uncordon(String node);

  /** Cordons the node and stops its instances so that their workloads replace them elsewhere. */
  DrainResult drain(String node);

  /** A page of nodes with their allocation, by name. */
  Page<NodeSummary> nodes(PageRequest page);

  NodeSummary node(String name);

  ClusterSummary cluster();

  /** Every retained event about one object, oldest first. */
  List<Event> events(ObjectRef object);

  /**
   * A page of retained events, newest first (the ones asked about), of one object or of all when
   * {@code object} is null, of one type or of all when {@code type} is null; the cursor leads to
   * older ones.
   */
  default Page<Event> events(ObjectRef object, EventType type, PageRequest page) {
    return events(object, type, null, page);
  }

  /**
   * As {@link #events(ObjectRef, EventType, PageRequest)}, of the events caused by the caller named
   * {@code by} only, or of all when it is null ({@code aino get events --by incident-bot}).
   */
  Page<Event> events(ObjectRef object, EventType type, String by, PageRequest page);

  /**
   * Why the workload's instances that wait for a node cannot be placed now: the scheduler's fit
   * report for the first of them against the nodes as they are, whose counts are keyed by {@link
   * dev.aino.model.Rejections}; empty when none waits.
   */
  Optional<FitReport> pendingFit(String workload);

  /** Dry run of {@link #apply}: what would change and where new instances would go, or why not. */
  PlanResult plan(String name, WorkloadSpec spec);

  /**
   * Where the workload's running instances answer, ready ones marked.
   *
   * @throws dev.aino.error.NotFoundException when there is no such workload
   */
  default List<Endpoint> endpoints(String workload) {
    workload(workload);
    return Endpoint.of(instances(InstanceFilter.ofWorkload(workload)));
  }

  /** Prometheus HTTP service-discovery groups for every running instance with a metrics port. */
  default List<PrometheusTargets.Group> prometheusTargets() {
    List<dev.aino.model.Node> nodes = new java.util.ArrayList<>();
    String cursor = null;
    do {
      Page<NodeSummary> page = nodes(new PageRequest(PageRequest.MAX_LIMIT, cursor));
      page.items().forEach(n -> nodes.add(n.node()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return PrometheusTargets.of(instances(InstanceFilter.ALL), nodes);
  }
}
