package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@code GET /api/v1/watch} promises on every store: it delivers a workload's put, its
 * instances and its events; and a client that disconnects, misses changes and reconnects with its
 * last event id receives every later change exactly once, compared kind by kind with a client that
 * stayed connected the whole time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WatchStreamContract {
  static final String ADMIN = "watch-admin-token";
  static final String READER = "watch-read-token";
  static final Map<String, String> TOKENS = Map.of("AINO_TOKEN", ADMIN, "AINO_READ_TOKEN", READER);
  private static final String KINDS = "kinds=workload,instance,event";
  private static final HttpClient SSE_CLIENT =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  AinoServer server;
  HttpProbe admin;
  HttpProbe reader;
  private Path dataDir;

  /** Starts the server under test on its store. */
  abstract AinoServer start(Path dataDir);

  /** Stops what {@link #start} started besides the server. */
  void stopStore() {}

  @BeforeAll
  void startServer() throws IOException {
    dataDir = Files.createTempDirectory("aino-watch");
    server = start(dataDir);
    admin = new HttpProbe(server.baseUri(), "Bearer " + ADMIN);
    reader = new HttpProbe(server.baseUri(), "Bearer " + READER);
  }

  @AfterAll
  void stopServer() throws IOException {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      stopStore();
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String manifest(String name, int replicas) {
    return "{\"name\":\""
        + name
        + "\",\"spec\":{\"image\":\"busybox:1.36\",\"command\":[\"sleep\",\"600\"],\"replicas\":"
        + replicas
        + ",\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8}}}";
  }

  private void ok(java.net.http.HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void aReconnectWithTheLastIdGetsEveryLaterChangeOnceAndNoneTwice() throws Exception {
    String prefix = "feed"; // each store has a server of its own
    String web = prefix + "-web";
    try (Sse control = Sse.open(server.baseUri(), KINDS, null)) {
      String start = control.awaitId();
      List<Message> seen = new ArrayList<>();

      // The first client starts where the control client did (its opening id) and leaves once it
      // has the workload, an instance and an event of it.
      String resumeFrom;
      try (Sse first = Sse.open(server.baseUri(), KINDS, start)) {
        ok(admin.postJson("/api/v1/workloads", manifest(web, 2)));
        Await.until(
            "the workload, an instance and an event of it (seen " + first.messages + ")",
            () ->
                first.has(m -> m.is("put", "workload") && m.name().equals(web))
                    && first.has(m -> m.is("put", "instance") && m.name().startsWith(web + "-"))
                    && first.has(
                        m -> m.is("put", "event") && m.name().startsWith("workload/" + web + "/")));
        first.close();
        seen.addAll(first.messages);
        resumeFrom = first.lastId;
      }
      Message workloadPut = seen.stream().filter(m -> m.is("put", "workload")).findFirst().get();
      assertThat(workloadPut.data().path("object").path("name").asText()).isEqualTo(web);
      assertThat(workloadPut.data().path("object").path("spec").path("replicas").asInt())
          .isEqualTo(2);
      assertThat(resumeFrom).isEqualTo(seen.get(seen.size() - 1).id()).contains("workload:");

      // Changes while nobody but the control client listens.
      ok(admin.postJson("/api/v1/workloads/" + web + "/scale", "{\"replicas\":3}"));
      ok(admin.postJson("/api/v1/workloads", manifest(prefix + "-gone", 0)));
      HttpResponse<String> deleted = admin.send("DELETE", "/api/v1/workloads/" + prefix + "-gone");
      assertThat(deleted.statusCode()).as(deleted.body()).isIn(200, 202);
      Await.until(
          "the control client to see the deletion",
          () ->
              control.has(
                  m ->
                      m.is("delete", "workload")
                          && m.name().equals(prefix + "-gone")
                          && !m.data().has("object")));

      try (Sse second = Sse.open(server.baseUri(), KINDS, resumeFrom)) {
        ok(admin.postJson("/api/v1/workloads", manifest(prefix + "-end", 1)));
        long end =
            Await.value(
                    "the control client to see the last workload",
                    () ->
                        control.messages.stream()
                            .filter(
                                m -> m.is("put", "workload") && m.name().equals(prefix + "-end"))
                            .findFirst()
                            .orElse(null))
                .revision();
        Await.until(
            "the reconnected client to have what the control client has up to revision "
                + end
                + "\ncontrol: "
                + upTo(control.messages, end)
                + "\nfirst+second: "
                + upTo(concat(seen, second.messages), end),
            () -> upTo(control.messages, end).equals(upTo(concat(seen, second.messages), end)));
        List<String> both = upTo(concat(seen, second.messages), end);
        assertThat(new HashSet<>(both)).as("no change twice").hasSameSizeAs(both);
        assertThat(upTo(second.messages, end))
            .as("the changes made while disconnected")
            .anyMatch(m -> m.startsWith("delete workload " + prefix + "-gone"))
            .anyMatch(m -> m.startsWith("put workload " + web + "@"));
      }
    }
  }

  private static List<Message> concat(List<Message> a, List<Message> b) {
    List<Message> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The changes up to {@code revision}, kind by kind in order of arrival. */
  private static List<String> upTo(List<Message> messages, long revision) {
    List<String> out = new ArrayList<>();
    for (String kind : List.of("workload", "instance", "event")) {
      for (Message m : List.copyOf(messages)) {
        if (m.data().path("kind").asText().equals(kind) && m.revision() <= revision) {
          out.add(m.event() + " " + kind + " " + m.name() + "@" + m.revision());
        }
      }
    }
    return out;
  }

  /** One server-sent event: its id (the last one set), type and data. */
  record Message(String id, String event, String raw) {
    JsonNode data() {
      try {
        return Json.mapper().readTree(raw);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + raw, e);
      }
    }

    boolean is(String type, String kind) {
      return event.equals(type) && data().path("kind").asText().equals(kind);
    }

    String name() {
      return data().path("name").asText();
    }

    long revision() {
      return data().path("revision").asLong();
    }
  }

  /** A client of the stream, reading it on a thread of its own until closed. */
  static final class Sse implements AutoCloseable {
    final List<Message> messages = new CopyOnWriteArrayList<>();
    volatile String lastId;
    private final InputStream body;
    private final Thread reader;

    private Sse(InputStream body) {
      this.body = body;
      this.reader = new Thread(this::read, "watch-test-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static Sse open(URI base, String query, String lastEventId) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve("/api/v1/watch?" + query))
              .header("Authorization", "Bearer " + READER);
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      HttpResponse<InputStream> response =
          SSE_CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      return new Sse(response.body());
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String event = null;
        String data = null;
        String id = lastId;
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.isEmpty()) {
            lastId = id;
            if (data != null) {
              messages.add(new Message(id, event, data));
            }
            event = null;
            data = null;
          } else if (line.startsWith("id: ")) {
            id = line.substring(4);
          } else if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data = line.substring(6);
          }
        }
      } catch (IOException e) {
        // closed
      }
    }

    boolean has(Predicate<Message> test) {
      return messages.stream().anyMatch(test);
    }

    /** The id the stream opened with. */
    String awaitId() {
      return Await.value("the stream's opening id", () -> lastId);
    }

    @Override
    public void close() {
      try {
        body.close();
        reader.join(10_000);
      } catch (IOException e) {
        // already closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
