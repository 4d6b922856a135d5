package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.InstanceFilter;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery over REST on the simulated runtime (which pretends bridge networking): endpoints,
 * Prometheus targets, and host ports as a scheduling resource seen from the API.
 */
class RestEndpointsTest {
  @TempDir static Path dataDir;

  private static AinoServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    http = new HttpProbe(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String manifest(String name, int replicas, String network, String ports) {
    return "{\"name\":\""
        + name
        + "\",\"spec\":{\"image\":\"busybox:1.36\",\"command\":[\"httpd\",\"-f\"],"
        + "\"replicas\":"
        + replicas
        + (network == null ? "" : ",\"network\":\"" + network + "\"")
        + ",\"ports\":"
        + ports
        + ",\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8}}}";
  }

  private static Instance awaitPending(String workload) {
    return Await.value(
        workload + " to have an instance pending for a reason",
        () ->
            server.service().instances(InstanceFilter.ofWorkload(workload)).stream()
                .filter(
                    i ->
                        i.phase() == InstancePhase.PENDING
                            && InstanceReasons.UNSCHEDULABLE.equals(i.reason()))
                .findFirst()
                .orElse(null));
  }

  @Test
  void endpointsListRunningInstancesWithTheirPortsAndATakenPortKeepsTheRestPending()
      throws Exception {
    String ports =
        "[{\"name\":\"http\",\"containerPort\":18080},{\"name\":\"metrics\",\"containerPort\":19090}]";
    assertThat(http.postJson("/api/v1/workloads", manifest("disc", 2, "HOST", ports)).statusCode())
        .isEqualTo(200);

    // Host networking: the container's ports are the node's, so only one replica fits the node.
    Instance pending = awaitPending("disc");
    assertThat(pending.message()).isEqualTo("0/1 nodes fit: 1 port 18080 in use");
    JsonNode items =
        Await.value(
            "one endpoint of disc",
            () -> {
              try {
                JsonNode body = HttpProbe.json(http.get("/api/v1/workloads/disc/endpoints"));
                return body.path("items").size() == 1 ? body.path("items") : null;
              } catch (Exception e) {
                return null;
              }
            });
    JsonNode e = items.get(0);
    assertThat(e.path("instance").asText()).startsWith("disc-");
    assertThat(e.path("node").asText()).isEqualTo(TestServer.NODE);
    assertThat(e.path("network").asText()).isEqualTo("HOST");
    assertThat(e.path("ports").get(0).path("name").asText()).isEqualTo("http");
    assertThat(e.path("ports").get(0).path("containerPort").asInt()).isEqualTo(18080);
    assertThat(e.path("ports").get(0).path("hostPort").asInt()).isEqualTo(18080);
    assertThat(e.path("ports").get(0).path("protocol").asText()).isEqualTo("TCP");

    JsonNode targets = HttpProbe.json(http.get("/api/v1/discovery/prometheus"));
    assertThat(targets.isArray()).isTrue();
    JsonNode group = targets.get(0);
    assertThat(group.path("targets").get(0).asText()).endsWith(":19090");
    assertThat(group.path("labels").path("__meta_aino_workload").asText()).isEqualTo("disc");
    assertThat(group.path("labels").path("__meta_aino_instance").asText())
        .isEqualTo(e.path("instance").asText());
  }

  @Test
  void bridgedReplicasGetTheirOwnAddressAndNodePortOnOneNode() throws Exception {
    http.postJson(
        "/api/v1/workloads",
        manifest("bridged", 3, null, "[{\"name\":\"http\",\"containerPort\":8080}]"));
    JsonNode items =
        Await.value(
            "three endpoints of bridged",
            () -> {
              try {
                JsonNode body = HttpProbe.json(http.get("/api/v1/workloads/bridged/endpoints"));
                return body.path("items").size() == 3 ? body.path("items") : null;
              } catch (Exception e) {
                return null;
              }
            });
    java.util.Set<String> ips = new java.util.HashSet<>();
    java.util.Set<Integer> hostPorts = new java.util.HashSet<>();
    for (JsonNode e : items) {
      assertThat(e.path("network").asText()).isEqualTo("BRIDGE");
      assertThat(e.path("node").asText()).isEqualTo(TestServer.NODE);
      ips.add(e.path("ip").asText());
      hostPorts.add(e.path("ports").get(0).path("hostPort").asInt());
      assertThat(e.path("ports").get(0).path("hostPort").asInt()).isBetween(20_000, 32_000);
    }
    assertThat(ips).hasSize(3).doesNotContain("");
    assertThat(hostPorts).hasSize(3);
  }

  @Test
  void endpointsOfAnUnknownWorkloadAre404AndBadPortsAre400() throws Exception {
    assertThat(http.get("/api/v1/workloads/nothing-here/endpoints").statusCode()).isEqualTo(404);
    var bad =
        http.postJson(
            "/api/v1/workloads",
            manifest("badports", 1, null, "[{\"name\":\"x\",\"containerPort\":70000}]"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("spec.ports[0].containerPort");
  }
}
