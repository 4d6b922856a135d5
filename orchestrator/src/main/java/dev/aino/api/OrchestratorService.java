package dev.aino.api;

import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import java.util.List;

/**
 * The one facade every adapter (CLI, REST, MCP, A2A, console) calls. Every method validates its
 * input and throws {@link dev.aino.error.AinoException}s whose code the adapter maps in one place.
 */
public interface OrchestratorService {
  /** Creates the workload or replaces its spec (the generation moves when the spec changed). */
  Workload apply(String name, WorkloadSpec spec);

  /**
   * Sets the replica count. On a workload with an autoscale policy the count is clamped to the
   * policy's bounds (the returned workload has the count set, and the {@code Scaled} event says it
   * was clamped); the autoscaler moves it from there as the load asks.
   */
  Workload scale(String name, int replicas);

  /** Stops the workload's instances, then removes it; returns it marked for deletion. */
  Workload delete(String name);

  /**
   * The workload with its counts and, for its running instances, their average CPU and memory use
   * ({@link WorkloadStatus#usage()}); a list of workloads leaves the usage out.
   */
  WorkloadStatus workload(String name);

  List<WorkloadStatus> workloads();

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

  /** Keeps new instances off the node. */
  Node cordon(String node);

  Node uncordon(String node);

  /** Cordons the node and stops its instances so that their workloads replace them elsewhere. */
  DrainResult drain(String node);

  List<NodeSummary> nodes();

  NodeSummary node(String name);

  ClusterSummary cluster();

  /** Events about one object, oldest first. */
  List<Event> events(ObjectRef object);

  /** All retained events, oldest first. */
  List<Event> events();

  /** Dry run of {@link #apply}: what would change and where new instances would go, or why not. */
  PlanResult plan(String name, WorkloadSpec spec);
}
