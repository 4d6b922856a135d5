package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.InstanceFilter;
import dev.aino.json.Json;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery over REST on the simulated runtime (which pretends bridge networking): endpoints,
 * Prometheus targets, and host ports as a scheduling resource seen from the API.
 */
class RestEndpointsTest {
  private static final String ADMIN = "endpoints-admin-token";
  private static final String READER = "endpoints-read-token";
  private static final HttpClient SSE_CLIENT =
      HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  @TempDir static Path dataDir;

  private static AinoServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of("AINO_TOKEN", ADMIN, "AINO_READ_TOKEN", READER));
    http = new HttpProbe(server.baseUri(), "Bearer " + ADMIN);
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

  /**
   * The watched form, read with the read-only token: the list at once, then each change; a
   * reconnect with the last event's id resumes without a repeat; a stale id gets the list at once;
   * the workload's deletion ends the stream with NOT_FOUND.
   */
  @Test
  void aWatchSendsTheListThenEveryChangeResumesByIdAndEndsWhenTheWorkloadGoes() throws Exception {
    http.postJson(
        "/api/v1/workloads",
        manifest("watched", 2, null, "[{\"name\":\"http\",\"containerPort\":8080}]"));
    String path = "/api/v1/workloads/watched/endpoints?watch=true";

    String lastId;
    try (SseStream stream = SseStream.open(server.baseUri().resolve(path), null)) {
      assertThat(stream.contentType()).startsWith("text/event-stream");
      SseStream.Event event = stream.awaitEvent(e -> e.data().path("items").size() == 2);
      assertThat(event.name()).isEqualTo("endpoints");
      assertThat(event.data().path("items").get(0).path("ip").asText()).isNotEmpty();

      http.postJson("/api/v1/workloads/watched/scale", "{\"replicas\":3}");
      lastId = stream.awaitEvent(e -> e.data().path("items").size() == 3).id();
    }

    // Resumed with the last id: nothing is repeated, and the next change comes.
    try (SseStream resumed = SseStream.open(server.baseUri().resolve(path), lastId)) {
      http.postJson("/api/v1/workloads/watched/scale", "{\"replicas\":1}");
      SseStream.Event next = resumed.nextEvent();
      assertThat(next.id()).isNotEqualTo(lastId);
      assertThat(next.data().path("items").size()).isLessThan(3);
    }

    // A stale id: the current list at once; then the deletion ends the stream.
    try (SseStream stale = SseStream.open(server.baseUri().resolve(path), "0123456789abcdef")) {
      assertThat(stale.nextEvent().name()).isEqualTo("endpoints");
      assertThat(http.send("DELETE", "/api/v1/workloads/watched").statusCode()).isEqualTo(202);
      SseStream.Event end = stale.awaitEvent(e -> e.name().equals("error"));
      assertThat(end.data().path("error").path("code").asText()).isEqualTo("NOT_FOUND");
      assertThat(stale.awaitEnd()).isTrue();
    }
  }

  @Test
  void aWatchRefusesAnUnknownWorkloadAnUnknownParameterAndABadFlag() throws Exception {
    HttpProbe reader = new HttpProbe(server.baseUri(), "Bearer " + READER);
    assertThat(reader.get("/api/v1/workloads/nothing-here/endpoints?watch=true").statusCode())
        .isEqualTo(404);
    var misspelt = reader.get("/api/v1/workloads/nothing-here/endpoints?wacth=true");
    assertThat(misspelt.statusCode()).isEqualTo(400);
    assertThat(misspelt.body()).contains("wacth", "takes watch");
    var bad = reader.get("/api/v1/workloads/nothing-here/endpoints?watch=yes");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("watch", "must be true or false");
    var twice = reader.get("/api/v1/workloads/nothing-here/endpoints?watch=true&watch=false");
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(twice.body()).contains("given 2 times");
    assertThat(new HttpProbe(server.baseUri()).get("/api/v1/workloads/x/endpoints?watch=true"))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(401);
  }

  /** A server-sent events stream read on a thread of its own, event by event. */
  private static final class SseStream implements AutoCloseable {
    record Event(String id, String name, JsonNode data) {}

    private static final Object END = new Object();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    private SseStream(HttpResponse<Stream<String>> response) {
      this.response = response;
      this.reader = new Thread(this::read, "sse-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static SseStream open(URI uri, String lastEventId) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .header("Authorization", "Bearer " + READER)
              .header("Accept", "text/event-stream");
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      HttpResponse<Stream<String>> response =
          SSE_CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
      assertThat(response.statusCode()).isEqualTo(200);
      return new SseStream(response);
    }

    String contentType() {
      return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
      String id = null;
      String name = "message";
      StringBuilder data = new StringBuilder();
      try (Stream<String> lines = response.body()) {
        for (String line : (Iterable<String>) lines::iterator) {
          if (line.isEmpty()) {
            if (data.length() > 0) {
              events.add(new Event(id, name, Json.mapper().readTree(data.toString())));
            }
            id = null;
            name = "message";
            data.setLength(0);
          } else if (line.startsWith("id: ")) {
            id = line.substring(4);
          } else if (line.startsWith("event: ")) {
            name = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data.append(line.substring(6));
          }
        }
      } catch (Exception e) {
        // closed by the test, or the stream broke: the end below says so
      }
      events.add(END);
    }

    Event nextEvent() throws InterruptedException {
      Object next = events.poll(20, TimeUnit.SECONDS);
      if (!(next instanceof Event event)) {
        throw new AssertionError(next == null ? "no event within 20 s" : "the stream ended");
      }
      return event;
    }

    Event awaitEvent(Predicate<Event> wanted) throws InterruptedException {
      List<Event> seen = new ArrayList<>();
      while (true) {
        Event event;
        try {
          event = nextEvent();
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; events seen: " + seen, e);
        }
        if (wanted.test(event)) {
          return event;
        }
        seen.add(event);
      }
    }

    /** True once the server ended the stream. */
    boolean awaitEnd() throws InterruptedException {
      Object next = events.poll(20, TimeUnit.SECONDS);
      return next == END;
    }

    @Override
    public void close() {
      reader.interrupt();
      response.body().close();
    }
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
