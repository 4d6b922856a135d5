package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents that read, decide and write: a change made on the condition that the workload is at
 * the generation they read either wins or is refused with 409 and the workload as it is now.
 */
class RestPreconditionsTest {
  @TempDir static Path dataDir;

  private static AinoServer server;
  private static HttpProbe probe;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    probe = new HttpProbe(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void create(String name) throws Exception {
    HttpResponse<String> created =
        probe.postJson(
            "/api/v1/workloads",
            "{\"name\":\"" + name + "\",\"spec\":{\"image\":\"busybox\",\"replicas\":1}}");
    assertThat(created.statusCode()).isEqualTo(200);
  }

  private static long generationOf(String name) throws Exception {
    HttpResponse<String> read = probe.get("/api/v1/workloads/" + name);
    long generation = HttpProbe.json(read).path("workload").path("generation").asLong();
    assertThat(read.headers().firstValue("ETag")).hasValue("\"" + generation + "\"");
    return generation;
  }

  private static HttpResponse<String> scale(String name, int replicas, long expected)
      throws Exception {
    return probe.send(
        "POST",
        "/api/v1/workloads/" + name + "/scale",
        "application/json",
        "{\"replicas\":" + replicas + ",\"expectedGeneration\":" + expected + "}");
  }

  @Test
  void twoClientsScaleFromOneReadOneWinsTheOtherGets409WithTheCurrentWorkloadAndRetries()
      throws Exception {
    create("web");
    long read = generationOf("web");

    HttpResponse<String> first = scale("web", 3, read);
    assertThat(first.statusCode()).isEqualTo(200);
    HttpResponse<String> second = scale("web", 5, read);
    assertThat(second.statusCode()).isEqualTo(409);
    JsonNode refused = HttpProbe.json(second);
    assertThat(refused.path("error").path("code").asText()).isEqualTo("CONFLICT");
    assertThat(refused.path("error").path("message").asText())
        .contains("workload web is at generation " + (read + 1) + ", not " + read);
    assertThat(refused.path("current").path("workload").path("generation").asLong())
        .isEqualTo(read + 1);
    assertThat(refused.path("current").path("desired").asInt()).isEqualTo(3);
    assertThat(server.service().workload("web").desired()).isEqualTo(3);

    long reread = generationOf("web");
    assertThat(scale("web", 5, reread).statusCode()).isEqualTo(200);
    assertThat(server.service().workload("web").desired()).isEqualTo(5);
  }

  @Test
  void ifMatchGuardsReplaceAndDelete() throws Exception {
    create("api");
    long read = generationOf("api");
    String manifest = "{\"spec\":{\"image\":\"busybox\",\"replicas\":2}}";

    HttpResponse<String> stale =
        probe.send(
            "PUT",
            "/api/v1/workloads/api",
            "application/json",
            "{\"expectedGeneration\":" + (read + 7) + ",\"spec\":{\"image\":\"busybox\"}}");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(HttpProbe.json(stale).path("current").path("workload").path("name").asText())
        .isEqualTo("api");

    HttpResponse<String> replaced =
        probe
            .withHeader("If-Match", "\"" + read + "\"")
            .send("PUT", "/api/v1/workloads/api", "application/json", manifest);
    assertThat(replaced.statusCode()).isEqualTo(200);

    HttpResponse<String> staleDelete =
        probe.withHeader("If-Match", "\"" + read + "\"").send("DELETE", "/api/v1/workloads/api");
    assertThat(staleDelete.statusCode()).isEqualTo(409);
    assertThat(server.service().workload("api").workload().isDeleting()).isFalse();

    HttpResponse<String> malformed =
        probe.withHeader("If-Match", "*").send("DELETE", "/api/v1/workloads/api");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(HttpProbe.json(malformed).path("error").path("message").asText())
        .contains("If-Match");

    HttpResponse<String> deleted =
        probe
            .withHeader("If-Match", "\"" + (read + 1) + "\"")
            .send("DELETE", "/api/v1/workloads/api");
    assertThat(deleted.statusCode()).isEqualTo(202);
  }
}
