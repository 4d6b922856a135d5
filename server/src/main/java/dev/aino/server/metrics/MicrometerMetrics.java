package dev.aino.server.metrics;

import dev.aino.metrics.AutoscaleDecision;
import dev.aino.metrics.ClusterCounts;
import dev.aino.metrics.MetricNames;
import dev.aino.metrics.Metrics;
import dev.aino.metrics.PullResult;
import dev.aino.metrics.PushResult;
import dev.aino.metrics.ReconcileResult;
import dev.aino.metrics.StoreOperation;
import dev.aino.model.InstancePhase;
import dev.aino.model.NodeStatus;
import dev.aino.model.WorkloadState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The core's {@link Metrics} over Micrometer's Prometheus registry, plus the JVM's metrics and the
 * HTTP requests of every surface. Every meter whose labels are known in advance is made once here,
 * so the hot paths (store operations, reconciles) only record into a meter they hold, without a
 * registry look-up.
 *
 * <p>Histograms have fixed buckets per family, chosen for what is measured (microseconds for a
 * store read, seconds for a container start), so that a scrape stays small and {@code
 * histogram_quantile} works in the dashboard.
 */
public final class MicrometerMetrics implements Metrics, AutoCloseable {
  private static final Duration[] STORE_BUCKETS =
      millis(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000);
  private static final Duration[] LOOP_BUCKETS =
      millis(0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000);
  private static final Duration[] START_BUCKETS =
      millis(10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 300_000);
  private static final Duration[] HTTP_BUCKETS =
      millis(1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10_000, 60_000);

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final Counter placed;
  private final Counter unschedulable;
  private final Counter conflicts;
  private final Timer schedulingPass;
  private final Map<ReconcileResult, Timer> reconciles = new EnumMap<>(ReconcileResult.class);
  private final Counter retries;
  private final Map<String, Map<StoreOperation, Timer>> storeOperations = new ConcurrentHashMap<>();
  private final Timer containerStart;
  private final Counter restarts;
  private final Map<PullResult, Counter> pulls;
  private final Counter pullBytes;
  private final Map<AutoscaleDecision, Counter> decisions;
  private final Map<PushResult, Counter> pushes;

  /** A registry with aino's meters and the JVM's. */
  public MicrometerMetrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);

    String attempts = counterName(MetricNames.SCHEDULING_ATTEMPTS);
    placed = counter(attempts, "instances the scheduler tried to place, by result", "placed");
    unschedulable = counter(attempts, null, "unschedulable");
    conflicts = counter(attempts, null, "conflict");
    schedulingPass =
        timer(MetricNames.SCHEDULING_PASS, "one scheduling pass over every unplaced instance")
            .serviceLevelObjectives(LOOP_BUCKETS)
            .register(registry);
    for (ReconcileResult result : ReconcileResult.values()) {
      reconciles.put(
          result,
          timer(MetricNames.RECONCILE, "one reconcile of one workload, by result")
              .tag(MetricNames.RESULT, result.label())
              .serviceLevelObjectives(LOOP_BUCKETS)
              .register(registry));
    }
    retries =
        Counter.builder(counterName(MetricNames.WORK_QUEUE_RETRIES))
            .description("failed reconciles queued again after a backoff")
            .register(registry);
    containerStart =
        timer(
                MetricNames.CONTAINER_START,
                "from a node's agent taking up a Scheduled instance to its container Running")
            .serviceLevelObjectives(START_BUCKETS)
            .register(registry);
    restarts =
        Counter.builder(counterName(MetricNames.CONTAINER_RESTARTS))
            .description("containers restarted in place by the restart policy")
            .register(registry);
    pulls =
        countersBy(
            PullResult.class,
            MetricNames.IMAGE_PULLS,
            "images prepared from a registry, by result",
            MetricNames.RESULT,
            PullResult::label);
    pullBytes =
        Counter.builder(counterName(MetricNames.IMAGE_PULL_BYTES))
            .description("bytes read from registries (manifests, configurations, layers)")
            .register(registry);
    decisions =
        countersBy(
            AutoscaleDecision.class,
            MetricNames.AUTOSCALER_DECISIONS,
            "the autoscaler's decisions about one workload in one pass",
            MetricNames.DECISION,
            AutoscaleDecision::label);
    pushes =
        countersBy(
            PushResult.class,
            MetricNames.A2A_PUSH_NOTIFICATIONS,
            "attempts to deliver an A2A push notification, by result",
            MetricNames.RESULT,
            PushResult::label);
  }

  /** One counter of {@code name} for each value of {@code values}, told apart by {@code tag}. */
  private <E extends Enum<E>> Map<E, Counter> countersBy(
      Class<E> values, String name, String description, String tag, Function<E, String> label) {
    Map<E, Counter> counters = new EnumMap<>(values);
    for (E value : values.getEnumConstants()) {
      counters.put(
          value,
          Counter.builder(counterName(name))
              .description(description)
              .tag(tag, label.apply(value))
              .register(registry));
    }
    return counters;
  }

  private static Duration[] millis(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos(Math.round(values[i] * 1_000_000));
    }
    return out;
  }

  /** Micrometer adds {@code _total} to counters itself. */
  private static String counterName(String prometheusName) {
    return strip(prometheusName, "_total");
  }

  /** Micrometer adds {@code _seconds} to timers itself. */
  private static Timer.Builder timer(String prometheusName, String description) {
    return Timer.builder(strip(prometheusName, "_seconds")).description(description);
  }

  private static String strip(String name, String suffix) {
    if (!name.endsWith(suffix)) {
      throw new IllegalArgumentException(name + " should end with " + suffix);
    }
    return name.substring(0, name.length() - suffix.length());
  }

  private Counter counter(String name, String description, String result) {
    return Counter.builder(name)
        .description(description)
        .tag(MetricNames.RESULT, result)
        .register(registry);
  }

  /** The metrics in Prometheus' text format, version 0.0.4. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Records one HTTP request.
   *
   * @param surface which part served it, e.g. {@code rest} or {@code mcp}
   * @param route the route template, e.g. {@code /api/v1/workloads/{name}}; never a raw path
   */
  public void httpRequest(String surface, String method, String route, int status, long nanos) {
    timer(MetricNames.HTTP_REQUESTS, "HTTP requests by surface, method, route template and status")
        .tag(MetricNames.SURFACE, surface)
        .tag(MetricNames.METHOD, method)
        .tag(MetricNames.ROUTE, route)
        .tag(MetricNames.STATUS, Integer.toString(status))
        .serviceLevelObjectives(HTTP_BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Records one MCP {@code tools/call} request.
   *
   * @param tool one of aino's tool names, or {@code other}; never a name a client made up
   */
  public void mcpToolCall(String tool, int status, long nanos) {
    timer(MetricNames.MCP_TOOL_CALLS, "MCP tools/call requests by tool and HTTP status")
        .tag(MetricNames.TOOL, tool)
        .tag(MetricNames.STATUS, Integer.toString(status))
        .serviceLevelObjectives(HTTP_BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void schedulingPass(int placed, int unschedulable, int conflicts, long nanos) {
    this.placed.increment(placed);
    this.unschedulable.increment(unschedulable);
    this.conflicts.increment(conflicts);
    schedulingPass.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void reconciled(ReconcileResult result, long nanos) {
    reconciles.get(result).record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void workQueueRetried() {
    retries.increment();
  }

  @Override
  public void workQueue(DepthGauge depth) {
    Gauge.builder(MetricNames.WORK_QUEUE_DEPTH, depth, DepthGauge::depth)
        .description("workloads waiting in the controller's work queue")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public void storeOperation(String backend, StoreOperation operation, long nanos) {
    storeOperations
        .computeIfAbsent(backend, this::storeTimers)
        .get(operation)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private Map<StoreOperation, Timer> storeTimers(String backend) {
    Map<StoreOperation, Timer> timers = new EnumMap<>(StoreOperation.class);
    for (StoreOperation operation : StoreOperation.values()) {
      timers.put(
          operation,
          timer(MetricNames.STORE_OPERATION, "store backend operations, by backend and operation")
              .tag(MetricNames.BACKEND, backend)
              .tag(MetricNames.OPERATION, operation.label())
              .serviceLevelObjectives(STORE_BUCKETS)
              .register(registry));
    }
    return timers;
  }

  @Override
  public void containerStarted(long nanos) {
    containerStart.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void containerRestarted() {
    restarts.increment();
  }

  @Override
  public void imagePull(PullResult result) {
    pulls.get(result).increment();
  }

  @Override
  public void imageBytesPulled(long bytes) {
    pullBytes.increment(bytes);
  }

  @Override
  public void autoscalerDecision(AutoscaleDecision decision) {
    decisions.get(decision).increment();
  }

  @Override
  public void pushNotification(PushResult result) {
    pushes.get(result).increment();
  }

  @Override
  public void clusterState(ClusterCounts counts) {
    gauges(
        MetricNames.INSTANCES,
        "instances by phase",
        MetricNames.PHASE,
        InstancePhase.values(),
        phase -> counts.instances(phase));
    gauges(
        MetricNames.NODES,
        "nodes by status",
        MetricNames.STATUS,
        NodeStatus.values(),
        status -> counts.nodes(status));
    gauges(
        MetricNames.WORKLOADS,
        "workloads by state",
        MetricNames.STATE,
        WorkloadState.values(),
        state -> counts.workloads(state));
  }

  /** One gauge per value of an enum, tagged with the value's label and read from {@code count}. */
  private <E extends Enum<E>> void gauges(
      String name, String description, String tag, E[] values, ToDoubleFunction<E> count) {
    for (E value : values) {
      Gauge.builder(name, () -> count.applyAsDouble(value))
          .description(description)
          .strongReference(true)
          .tag(tag, label(value))
          .register(registry);
    }
  }

  private static String label(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
