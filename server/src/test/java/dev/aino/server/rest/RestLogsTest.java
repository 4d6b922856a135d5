package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.Instances;
import dev.aino.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/instances/{id}/logs} against a real server with the simulated runtime. */
class RestLogsTest {
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

  private static Instance runningInstance(String name, String script) throws Exception {
    apply(name, script);
    return Instances.await(server, name, "running", i -> i.phase() == InstancePhase.RUNNING);
  }

  /**
   * An instance whose container has started; it may have ended already when the machine is slow (a
   * Running phase of a second is easily missed by a starved poller).
   */
  private static Instance startedInstance(String name, String script) throws Exception {
    apply(name, script);
    return Instances.await(server, name, "with a container", i -> i.containerId() != null);
  }

  private static void apply(String name, String script) throws Exception {
    String manifest =
        "{\"name\":\""
            + name
            + "\",\"spec\":{\"image\":\"busybox\",\"command\":[\"sh\",\"-c\",\""
            + script
            + "\"],\"replicas\":1,\"restartPolicy\":\"NEVER\",\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8}}}";
    assertThat(http.postJson("/api/v1/workloads", manifest).statusCode()).isEqualTo(200);
  }

  private static String path(Instance instance, String query) {
    return "/api/v1/instances/" + instance.id() + "/logs" + query;
  }

  @Test
  // Reads a stream that a broken follow would keep open: fail after a minute instead of hanging.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void answersTheLinesWithTimesStreamsAndTruncation() throws Exception {
    Instance i = runningInstance("rl-lines", "echo a; echo b; echo c >&2; sleep infinity");

    JsonNode all = HttpProbe.json(http.get(path(i, "")));
    assertThat(all.path("instance").asText()).isEqualTo(i.id());
    assertThat(all.path("node").asText()).isEqualTo(TestServer.NODE);
    assertThat(all.path("containerId").asText()).isEqualTo(i.containerId());
    assertThat(all.path("truncated").asBoolean()).isFalse();
    assertThat(all.path("lines")).hasSize(3);
    assertThat(all.path("lines").get(2).path("stream").asText()).isEqualTo("STDERR");
    assertThat(all.path("lines").get(0).path("timestamp").asText()).endsWith("Z");

    JsonNode tail = HttpProbe.json(http.get(path(i, "?tail=1")));
    assertThat(tail.path("lines")).hasSize(1);
    assertThat(tail.path("lines").get(0).path("text").asText()).isEqualTo("c");
    assertThat(tail.path("truncated").asBoolean()).isTrue();

    JsonNode small = HttpProbe.json(http.get(path(i, "?maxBytes=4")));
    assertThat(small.path("lines")).hasSize(2);
    assertThat(small.path("truncated").asBoolean()).isTrue();

    JsonNode future = HttpProbe.json(http.get(path(i, "?since=2999-01-01T00:00:00Z")));
    assertThat(future.path("lines")).isEmpty();
  }

  @Test
  void refusesBadParametersUnknownIdsAndInstancesThatHaveNotStarted() throws Exception {
    Instance i = runningInstance("rl-errors", "echo a; sleep infinity");

    HttpResponse<String> badTail = http.get(path(i, "?tail=-1"));
    assertThat(badTail.statusCode()).isEqualTo(400);
    assertThat(badTail.body()).contains("tail").contains("-1");
    HttpResponse<String> badSince = http.get(path(i, "?since=yesterday"));
    assertThat(badSince.statusCode()).isEqualTo(400);
    assertThat(badSince.body()).contains("since").contains("RFC 3339");

    HttpResponse<String> unknown = http.get("/api/v1/instances/nope-abc12/logs");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("nope-abc12");
    // As docs/api.md says: an id that cannot name an instance is a bad request, not "not found".
    HttpResponse<String> malformed = http.get("/api/v1/instances/nope/logs");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(HttpProbe.json(malformed).path("error").path("message").asText())
        .isEqualTo("id: must look like <workload>-<suffix>, got \"nope\"");

    String huge =
        "{\"name\":\"rl-huge\",\"spec\":{\"image\":\"busybox\",\"replicas\":1,"
            + "\"resources\":{\"cpuMillis\":10,\"memoryMiB\":60000000}}}";
    assertThat(http.postJson("/api/v1/workloads", huge).statusCode()).isEqualTo(200);
    Instance pending = Instances.awaitUnschedulable(server, "rl-huge");
    HttpResponse<String> notStarted = http.get(path(pending, ""));
    assertThat(notStarted.statusCode()).isEqualTo(409);
    JsonNode error = HttpProbe.json(notStarted).path("error");
    assertThat(error.path("code").asText()).isEqualTo("FAILED_PRECONDITION");
    assertThat(error.path("message").asText())
        .contains(pending.id())
        .contains("has not started yet")
        .contains("Pending")
        .contains(pending.reason());
  }

  @Test
  // Reads a stream that a broken follow would keep open: fail after a minute instead of hanging.
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void followStreamsNewLinesAsJsonLinesAndEndsWithTheContainer() throws Exception {
    Instance i = startedInstance("rl-follow", "echo first; sleep 2; echo second; exit 3");
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUri() + path(i, "?follow=true"))).build();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(LogStreaming.CONTENT_TYPE));
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      StringBuilder texts = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          texts.append(Json.mapper().readTree(line).path("text").asText()).append(';');
        }
      }
      // The stream ended by itself once the container exited, after its last line.
      assertThat(texts.toString()).isEqualTo("first;second;");
    }
  }
}
