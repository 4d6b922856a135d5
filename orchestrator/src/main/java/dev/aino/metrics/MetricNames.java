package dev.aino.metrics;

/**
 * The name of every metric aino exposes, as Prometheus shows it (an implementation whose library
 * adds the unit and {@code _total} suffixes itself, as Micrometer does, strips them), and the names
 * of their labels. Dashboards and tests use these constants, so a renamed metric fails to compile
 * rather than leaving an empty graph.
 */
public final class MetricNames {
  private MetricNames() {}

  /** Prefix of every aino metric. */
  public static final String PREFIX = "aino_";

  // State, from the watch feed (gauges).
  public static final String INSTANCES = "aino_instances";
  public static final String NODES = "aino_nodes";
  public static final String WORKLOADS = "aino_workloads";

  // Scheduler and controller.
  public static final String SCHEDULING_ATTEMPTS = "aino_scheduling_attempts_total";
  public static final String SCHEDULING_PASS = "aino_scheduling_pass_seconds";
  public static final String RECONCILE = "aino_reconcile_seconds";
  public static final String WORK_QUEUE_DEPTH = "aino_work_queue_depth";
  public static final String WORK_QUEUE_RETRIES = "aino_work_queue_retries_total";

  // Store.
  public static final String STORE_OPERATION = "aino_store_operation_seconds";

  // Node agent and images.
  public static final String CONTAINER_START = "aino_container_start_seconds";
  public static final String CONTAINER_RESTARTS = "aino_container_restarts_total";
  public static final String IMAGE_PULLS = "aino_image_pulls_total";
  public static final String IMAGE_PULL_BYTES = "aino_image_pull_bytes_total";

  // Autoscaler.
  public static final String AUTOSCALER_DECISIONS = "aino_autoscaler_decisions_total";

  // Surfaces.
  public static final String HTTP_REQUESTS = "aino_http_requests_seconds";
  public static final String MCP_TOOL_CALLS = "aino_mcp_tool_calls_seconds";
  public static final String A2A_PUSH_NOTIFICATIONS = "aino_a2a_push_notifications_total";

  // Labels.
  public static final String PHASE = "phase";
  public static final String STATUS = "status";
  public static final String STATE = "state";
  public static final String RESULT = "result";
  public static final String BACKEND = "backend";
  public static final String OPERATION = "operation";
  public static final String DECISION = "decision";
  public static final String SURFACE = "surface";
  public static final String METHOD = "method";
  public static final String ROUTE = "route";
  public static final String TOOL = "tool";
}
