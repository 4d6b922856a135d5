package dev.aino.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.json.Json;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.AinoJar;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import dev.aino.testing.etcd.EtcdServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code aino up} servers on one real etcd, in one gossip group: server A runs a task and stops
 * without finishing it; once the node lifecycle calls A's node DOWN (the gossip group sees A
 * leave), server B's GetTask adopts the task and answers it failed, naming A and what was applied,
 * and a client following the task on B receives the failure through the store's watch.
 */
class A2aOrphanedTasksTest {
  private static final String TOKEN = "a2a-orphans-secret";
  private static final String NODE_A = "a2a-orphan-a";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dirA;
  @TempDir static Path dirB;

  private static EtcdServer etcd;
  private static AinoServer a;
  private static AinoServer b;

  @BeforeAll
  static void start() throws Exception {
    etcd = new EtcdServer();
    etcd.start();
    int gossipA = AinoJar.freeLoopbackPort();
    a = server(dirA, NODE_A, "--gossip-port", Integer.toString(gossipA));
    b =
        server(
            dirB,
            "a2a-orphan-b",
            "--gossip-port",
            Integer.toString(AinoJar.freeLoopbackPort()),
            "--gossip-seed",
            "127.0.0.1:" + gossipA);
  }

  private static AinoServer server(Path dir, String name, String... gossip) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--store",
                "etcd",
                "--etcd-endpoints",
                etcd.endpoint(),
                // A loaded build machine answers slower than the default 5 s allows.
                "--etcd-timeout",
                "30s"));
    args.addAll(List.of(gossip));
    return TestServer.start(dir, name, Map.of("AINO_TOKEN", TOKEN), args.toArray(String[]::new));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {a, b, etcd}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // keep closing the rest
      }
    }
  }

  private static HttpRequest request(AinoServer server, String method, JsonNode params) {
    ObjectNode req = Json.mapper().createObjectNode();
    req.put("jsonrpc", "2.0").put("id", 1).put("method", method).set("params", params);
    return HttpRequest.newBuilder(server.baseUri().resolve("/a2a"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TOKEN)
        .header("A2A-Version", "1.0")
        .POST(HttpRequest.BodyPublishers.ofString(req.toString()))
        .build();
  }

  private static JsonNode result(AinoServer server, String method, JsonNode params) {
    try {
      HttpResponse<String> r =
          HTTP.send(request(server, method, params), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode n = Json.mapper().readTree(r.body());
      assertThat(n.has("error")).as(n.toString()).isFalse();
      return n.path("result");
    } catch (Exception e) {
      throw new AssertionError(method + " failed", e);
    }
  }

  private static ObjectNode id(String value) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("id", value);
    return p;
  }

  private static String state(JsonNode task) {
    return task.path("status").path("state").asText();
  }

  @Test
  @Timeout(180)
  void aTaskOfAServerThatStoppedIsFailedByTheOtherAndItsFollowerLearnsIt() throws Exception {
    String context = UUID.randomUUID().toString();
    ObjectNode deploy = Json.mapper().createObjectNode();
    ObjectNode m = deploy.putObject("message");
    m.put("messageId", UUID.randomUUID().toString()).put("role", "ROLE_USER");
    m.put("contextId", context);
    // No node has the memory: the task stays WORKING, following the deploy.
    m.putArray("parts")
        .addObject()
        .set(
            "data",
            Json.mapper()
                .readTree(
                    "{\"action\":\"deploy\",\"workload\":\"a2a-orphan\",\"image\":\"busybox:1.36\","
                        + "\"replicas\":1,\"memoryMiB\":900000}"));
    m.putObject("metadata").put("confirm", true);
    deploy.putObject("configuration").put("returnImmediately", true);
    String taskId = result(a, "SendMessage", deploy).path("task").path("id").asText();
    assertThat(state(result(b, "GetTask", id(taskId)))).isEqualTo("TASK_STATE_WORKING");

    // A client follows the task on B.
    HttpResponse<InputStream> stream =
        HTTP.send(
            request(b, "SubscribeToTask", id(taskId)), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> followed =
        CompletableFuture.runAsync(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (line.startsWith("data: ")) {
                    events.add(Json.mapper().readTree(line.substring(6)).path("result"));
                  }
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    Await.until("the subscriber's first event", () -> !events.isEmpty());
    assertThat(state(events.get(0).path("task"))).isEqualTo("TASK_STATE_WORKING");

    // A stops without finishing its task; the gossip group sees it leave, the lifecycle (on B,
    // which leads once A's lease is gone) calls its node DOWN, and B's read adopts the task.
    a.close();
    JsonNode failed =
        Await.value(
            "task " + taskId + " to be failed on B",
            Duration.ofSeconds(90),
            () -> {
              JsonNode t = result(b, "GetTask", id(taskId));
              return state(t).equals("TASK_STATE_FAILED") ? t : null;
            },
            () -> "");
    String text = failed.path("status").path("message").path("parts").path(0).path("text").asText();
    assertThat(text)
        .contains("server " + NODE_A + " stopped", "following a2a-orphan", "Already applied:");

    followed.get(30, TimeUnit.SECONDS);
    JsonNode last = events.get(events.size() - 1).path("statusUpdate");
    assertThat(last.path("taskId").asText()).isEqualTo(taskId);
    assertThat(state(last)).isEqualTo("TASK_STATE_FAILED");
    assertThat(last.path("status").path("message").path("parts").path(0).path("text").asText())
        .isEqualTo(text);
  }
}
