package dev.aino.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import dev.aino.metrics.MetricNames;
import dev.aino.model.WorkloadState;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.Instances;
import dev.aino.server.testing.McpClients;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    try (McpSyncClient mcp = McpClients.streamableHttp(server.baseUri(), TOKEN).build()) {
      mcp.initialize();
      mcp.callTool(new CallToolRequest("cluster_status", Map.of()));
    }
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
    assertThat(http.get("/api/v1/no-such-route").statusCode()).isEqualTo(404);
    assertThat(new HttpProbe(server.baseUri()).get("/api/v1/workloads").statusCode())
        .isEqualTo(401);
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
            MetricNames.AUTOSCALER_DECISIONS,
            MetricNames.A2A_PUSH_NOTIFICATIONS);

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
        .noneMatch(s -> s.labels().getOrDefault("route", "").contains("web"))
        .noneMatch(s -> s.labels().getOrDefault("route", "").contains("no-such-route"));
    assertThat(
            after.has(
                "aino_http_requests_seconds_count",
                Map.of("method", "GET", "route", "other", "status", "404")))
        .isTrue();
    assertThat(
            after.has(
                "aino_http_requests_seconds_count",
                Map.of("method", "GET", "route", "other", "status", "401")))
        .as("a request the guard refused before routing")
        .isTrue();
    assertThat(after.has("aino_http_requests_seconds_count", Map.of("route", "/metrics"))).isTrue();
    assertThat(
            after.has(
                "aino_mcp_tool_calls_seconds_count",
                Map.of("tool", "cluster_status", "status", "200")))
        .isTrue();
    assertThat(
            after.has(
                "aino_http_requests_seconds_count",
                Map.of("surface", "mcp", "method", "POST", "route", "/mcp")))
        .isTrue();
    assertThat(after.has("jvm_memory_used_bytes", Map.of())).isTrue();
    assertThat(after.has("jvm_threads_live_threads", Map.of())).isTrue();
  }

  /**
   * Every expression of the example dashboard names only metrics that {@code /metrics} exposes, and
   * every aino metric has a panel.
   */
  @Test
  void theDashboardShowsExactlyTheExposedMetrics() throws Exception {
    JsonNode dashboard =
        Json.mapper().readTree(Files.readString(Path.of("..", "examples", "grafana", "aino.json")));
    List<String> expressions = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
      assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).as(panel.path("title").asText()).isNotBlank();
        expressions.add(target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.has("definition")) {
        expressions.add(variable.path("definition").asText());
      }
    }
    assertThat(expressions).hasSizeGreaterThan(20);

    http.get("/api/v1/workloads"); // at least one request and store read before the scrape
    PrometheusText exposed = scrape();
    Set<String> sampleNames = new HashSet<>();
    exposed.samples().forEach(s -> sampleNames.add(s.name()));
    Set<String> named = new HashSet<>();
    Matcher metric = Pattern.compile("\\b(?:aino|jvm|process)_[a-zA-Z0-9_]+").matcher("");
    for (String expression : expressions) {
      metric.reset(expression);
      while (metric.find()) {
        named.add(metric.group());
      }
    }
    assertThat(sampleNames).as("metrics the dashboard names").containsAll(named);
    for (String family : exposed.families()) {
      // Micrometer's _max of a timer is a gauge of its own; the histogram covers it.
      if (family.startsWith(MetricNames.PREFIX) && !family.endsWith("_max")) {
        assertThat(named)
            .as("a panel for " + family)
            .anyMatch(n -> exposed.familyOf(n).filter(family::equals).isPresent());
      }
    }
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
