package dev.aino.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.metrics.MetricNames;
import dev.aino.model.WorkloadState;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.Instances;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a real server (simulated runtime): behind the token, strict Prometheus text,
 * and the values move when a workload is driven through the REST API.
 */
class MetricsEndpointTest {
  private static final String TOKEN = "metrics-test-token-0123456789abcdef";

  @TempDir static Path dataDir;
  private static AinoServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN));
    http = new HttpProbe(server.baseUri(), "Bearer " + TOKEN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static PrometheusText scrape() throws Exception {
    HttpResponse<String> response = http.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    return PrometheusText.parse(response.body());
  }

  private static String manifest(String name, int replicas, String command, int cpuMillis) {
    return "{\"name\":\""
        + name
        + "\",\"spec\":{\"image\":\"busybox:1.36\",\"command\":[\"sh\",\"-c\",\""
        + command
        + "\"],\"replicas\":"
        + replicas
        + ",\"resources\":{\"cpuMillis\":"
        + cpuMillis
        + ",\"memoryMiB\":8}}}";
  }

  @Test
  void metricsNeedTheToken() throws Exception {
    HttpResponse<String> anonymous = new HttpProbe(server.baseUri()).get("/metrics");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).doesNotContain("aino_");
  }

  @Test
  void valuesMoveWhenWorkloadsAreDriven() throws Exception {
    PrometheusText before = scrape();
    double commitsBefore =
        before.sum(
            "aino_store_operation_seconds_count",
            Map.of("backend", "memory", "operation", "commit"));

    assertThat(
            http.postJson("/api/v1/workloads", manifest("web", 2, "sleep 3600", 10)).statusCode())
        .isEqualTo(200);
    assertThat(http.postJson("/api/v1/workloads", manifest("crash", 1, "exit 3", 10)).statusCode())
        .isEqualTo(200);
    assertThat(
            http.postJson("/api/v1/workloads", manifest("huge", 1, "sleep 3600", 512_000))
                .statusCode())
        .isEqualTo(200);
    assertThat(http.get("/api/v1/workloads/web").statusCode()).isEqualTo(200);
    Await.until(
        "web to be healthy",
        () -> server.service().workload("web").state() == WorkloadState.HEALTHY);
    Instances.awaitUnschedulable(server, "huge");
    Instances.await(server, "crash", "that restarted", i -> i.restartCount() > 0);

    PrometheusText after =
        Await.value(
            "the metrics to show the driven workloads",
            () -> {
              try {
                PrometheusText m = scrape();
                return m.sum(MetricNames.INSTANCES, Map.of("phase", "running")) >= 2
                        && m.sum(MetricNames.WORKLOADS, Map.of("state", "healthy")) >= 1
                    ? m
                    : null;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    assertThat(after.sum(MetricNames.NODES, Map.of("status", "ready"))).isEqualTo(1);
    assertThat(after.sum(MetricNames.INSTANCES, Map.of("phase", "pending"))).isGreaterThan(0);
    assertThat(after.sum(MetricNames.WORKLOADS, Map.of("state", "pending"))).isEqualTo(1);
    assertThat(after.sum(MetricNames.SCHEDULING_ATTEMPTS, Map.of("result", "placed")))
        .isGreaterThanOrEqualTo(3);
    assertThat(after.sum(MetricNames.SCHEDULING_ATTEMPTS, Map.of("result", "unschedulable")))
        .isGreaterThanOrEqualTo(1);
    assertThat(after.sum("aino_scheduling_pass_seconds_count", Map.of())).isGreaterThan(0);
    assertThat(after.sum("aino_reconcile_seconds_count", Map.of("result", "success")))
        .isGreaterThanOrEqualTo(3);
    assertThat(after.families()).contains(MetricNames.WORK_QUEUE_DEPTH);
    assertThat(after.families()).contains(MetricNames.WORK_QUEUE_RETRIES);
    assertThat(
            after.sum(
                "aino_store_operation_seconds_count",
                Map.of("backend", "memory", "operation", "commit")))
        .isGreaterThan(commitsBefore);
    // web's two; crash's container ends before it is seen running, so it has no start to time.
    assertThat(after.sum("aino_container_start_seconds_count", Map.of())).isGreaterThanOrEqualTo(2);
    assertThat(after.sum(MetricNames.CONTAINER_RESTARTS, Map.of())).isGreaterThanOrEqualTo(1);
    assertThat(after.families())
        .contains(
            MetricNames.IMAGE_PULLS,
            MetricNames.IMAGE_PULL_BYTES,
            MetricNames.AUTOSCALER_DECISIONS);

    // Requests by route template, never by path; refusals are counted as well.
    assertThat(
            after.sum(
                "aino_http_requests_seconds_count",
                Map.of(
                    "surface", "rest",
                    "method", "POST",
                    "route", "/api/v1/workloads",
                    "status", "200")))
        .isEqualTo(3);
    assertThat(
            after.has(
                "aino_http_requests_seconds_count",
                Map.of("method", "GET", "route", "/api/v1/workloads/{name}", "status", "200")))
        .isTrue();
    assertThat(after.samples())
        .noneMatch(s -> s.labels().getOrDefault("route", "").contains("web"));
    assertThat(after.has("aino_http_requests_seconds_count", Map.of("route", "/metrics"))).isTrue();
    assertThat(after.has("jvm_memory_used_bytes", Map.of())).isTrue();
    assertThat(after.has("jvm_threads_live_threads", Map.of())).isTrue();
  }

  @Test
  void theParserRefusesWhatPrometheusWouldRefuse() {
    assertThatThrownBy(() -> PrometheusText.parse("aino_x 1\n"))
        .hasMessageContaining("no TYPE declared");
    assertThatThrownBy(
            () -> PrometheusText.parse("# TYPE aino_x gauge\naino_x{a=\"1\",a=\"2\"} 1\n"))
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE aino_x gauge\naino_x one\n"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE aino_x gauge\naino_x{a=b} 1\n"))
        .hasMessageContaining("unquoted");
    assertThatThrownBy(
            () ->
                PrometheusText.parse(
                    "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"))
        .hasMessageContaining("cumulative");
    assertThatThrownBy(
            () -> PrometheusText.parse("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 1\n"))
        .hasMessageContaining("differs");
    assertThat(PrometheusText.parse("# TYPE aino_x gauge\naino_x{a=\"q\\\"\"} NaN\n").samples())
        .hasSize(1);
  }
}
