package dev.aino.metrics;

/**
 * What the core reports to a monitoring system. Every method does nothing by default ({@link
 * #NONE}), so tests, benchmarks and embedders that do not care pay one virtual call. Callers report
 * facts, never identities: no method takes an instance id, a workload name or a path, which keeps
 * the label sets small whatever the cluster's size.
 *
 * <p>Implementations must be thread-safe and cheap: these are called on the scheduler's, the
 * reconcilers', the store's and the agent's hot paths.
 */
public interface Metrics {
  /** Reports nothing. */
  Metrics NONE = new Metrics() {};

  /**
   * One scheduling pass ended.
   *
   * @param placed instances given a node
   * @param unschedulable instances that fit nowhere and stay pending
   * @param conflicts placements lost to a concurrent write, tried again
   * @param nanos how long the pass took
   */
  default void schedulingPass(int placed, int unschedulable, int conflicts, long nanos) {}

  /** One reconcile of one workload ended with {@code result} after {@code nanos}. */
  default void reconciled(ReconcileResult result, long nanos) {}

  /** A failed reconcile was queued again after its backoff. */
  default void workQueueRetried() {}

  /** Registers the controller's work queue, whose depth is read when metrics are collected. */
  default void workQueue(DepthGauge depth) {}

  /**
   * One operation of a store backend took {@code nanos}.
   *
   * @param backend the store's {@code backend()} name: {@code memory}, {@code sqlite} or {@code
   *     etcd}
   */
  default void storeOperation(String backend, StoreOperation operation, long nanos) {}

  /** A container reached Running {@code nanos} after its node's agent took it up as Scheduled. */
  default void containerStarted(long nanos) {}

  /** The node agent restarted a container in place (crash, failed health check). */
  default void containerRestarted() {}

  /** One image was pulled from a registry (its layers cached or downloaded), or failed to be. */
  default void imagePull(PullResult result) {}

  /** {@code bytes} of manifests, configurations or layers were read from a registry. */
  default void imageBytesPulled(long bytes) {}

  /** The autoscaler decided about one workload. */
  default void autoscalerDecision(AutoscaleDecision decision) {}

  /** One attempt to deliver an A2A push notification ended with {@code result}. */
  default void pushNotification(PushResult result) {}

  /** Registers the cluster's state counts, read when metrics are collected. */
  default void clusterState(ClusterCounts counts) {}

  /** Reads the current depth of a queue. */
  @FunctionalInterface
  interface DepthGauge {
    int depth();
  }
}
