package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.InstanceFilter;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Resources;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API's 409s: changing a workload that is being deleted, restarting an ended instance. */
class RestConflictTest {
  @TempDir Path dataDir;

  private AinoServer server;
  private HttpProbe http;

  @BeforeEach
  void start() {
    server = TestServer.start(dataDir, Map.of());
    http = new HttpProbe(server.baseUri());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void applyingOrScalingAWorkloadThatIsBeingDeletedIsAConflict() throws Exception {
    // A node whose agent has gone quiet: an instance placed there cannot be stopped yet, so its
    // workload stays Deleting for as long as this test needs.
    server
        .store()
        .create(
            new Node(
                "quiet",
                "",
                Map.of("pool", "quiet"),
                Resources.of(1000, 1024),
                null,
                NodeStatus.READY,
                true,
                null,
                Instant.now(),
                Instant.now(),
                0));
    String stuck =
        "{\"name\":\"stuck\",\"spec\":{\"image\":\"busybox\","
            + "\"placement\":{\"nodeSelector\":{\"pool\":\"quiet\"}}}}";
    assertThat(http.postJson("/api/v1/workloads", stuck).statusCode()).isEqualTo(200);
    Await.until(
        "the instance of stuck to be placed on the quiet node",
        () ->
            server.service().instances(InstanceFilter.ofWorkload("stuck")).stream()
                .anyMatch(i -> "quiet".equals(i.node())));

    HttpResponse<String> deleted = http.send("DELETE", "/api/v1/workloads/stuck");
    assertThat(deleted.statusCode()).isEqualTo(202);
    assertThat(HttpProbe.json(deleted).path("deletionRequestedAt").asText()).isNotEmpty();

    HttpResponse<String> again = http.postJson("/api/v1/workloads", stuck);
    assertThat(again.statusCode()).isEqualTo(409);
    JsonNode error = HttpProbe.json(again).path("error");
    assertThat(error.path("code").asText()).isEqualTo("CONFLICT");
    assertThat(error.path("message").asText())
        .isEqualTo("workload \"stuck\" is being deleted; apply again once it is gone");

    HttpResponse<String> scaled =
        http.postJson("/api/v1/workloads/stuck/scale", "{\"replicas\": 2}");
    assertThat(scaled.statusCode()).isEqualTo(409);
    JsonNode view = HttpProbe.json(http.get("/api/v1/workloads/stuck"));
    assertThat(view.path("state").asText()).isEqualTo("Deleting");
    assertThat(view.path("message").asText()).isEqualTo("stopping 1 instance before removal");
  }

  @Test
  void restartingAnInstanceThatHasEndedIsAConflict() throws Exception {
    String job =
        "{\"name\":\"once\",\"spec\":{\"image\":\"busybox\",\"command\":[\"true\"],"
            + "\"restartPolicy\":\"NEVER\"}}";
    http.postJson("/api/v1/workloads", job);
    Instance ended =
        Await.value(
            "the instance of once to succeed",
            () -> {
              List<Instance> instances =
                  server.service().instances(InstanceFilter.ofWorkload("once"));
              return instances.stream()
                  .filter(i -> i.phase() == InstancePhase.SUCCEEDED)
                  .findFirst()
                  .orElse(null);
            });

    HttpResponse<String> restart =
        http.send("POST", "/api/v1/instances/" + ended.id() + "/restart");

    assertThat(restart.statusCode()).isEqualTo(409);
    assertThat(HttpProbe.json(restart).path("error").path("message").asText())
        .contains(ended.id(), "has already ended");
  }
}
