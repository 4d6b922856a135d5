package dev.aino.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.json.Json;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.TestServer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code aino up} servers on one real etcd: a task created on server A is read (GetTask),
 * listed (ListTasks) and followed (SubscribeToTask, through the store's watch) on server B, which
 * sees the updates A writes; B refuses to change a task A runs, naming A.
 */
class A2aSharedTasksTest {
  private static final String TOKEN = "a2a-shared-secret";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dirA;
  @TempDir static Path dirB;

  private static EtcdServer etcd;
  private static AinoServer a;
  private static AinoServer b;

  @BeforeAll
  static void start() {
    etcd = new EtcdServer();
    etcd.start();
    a = server(dirA, "a2a-node-a");
    b = server(dirB, "a2a-node-b");
  }

  private static AinoServer server(Path dir, String name) {
    return TestServer.start(
        dir,
        name,
        Map.of("AINO_TOKEN", TOKEN),
        "--store",
        "etcd",
        "--etcd-endpoints",
        etcd.endpoint(),
        // A loaded build machine answers slower than the default 5 s allows.
        "--etcd-timeout",
        "30s");
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

  private static JsonNode rpc(AinoServer server, String method, JsonNode params) throws Exception {
    HttpResponse<String> r =
        HTTP.send(request(server, method, params), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  private static JsonNode result(AinoServer server, String method, JsonNode params)
      throws Exception {
    JsonNode n = rpc(server, method, params);
    assertThat(n.has("error")).as(n.toString()).isFalse();
    return n.path("result");
  }

  private static ObjectNode structured(String intent, String contextId) throws Exception {
    ObjectNode p = Json.mapper().createObjectNode();
    ObjectNode m = p.putObject("message");
    m.put("messageId", UUID.randomUUID().toString()).put("role", "ROLE_USER");
    m.put("contextId", contextId);
    m.putArray("parts").addObject().set("data", Json.mapper().readTree(intent));
    m.putObject("metadata").put("confirm", true);
    return p;
  }

  private static ObjectNode id(String field, String value) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put(field, value);
    return p;
  }

  @Test
  @Timeout(120)
  void aTaskCreatedOnOneServerIsReadListedAndFollowedOnTheOther() throws Exception {
    String context = UUID.randomUUID().toString();
    // No node has the memory: the task stays WORKING until it is canceled.
    ObjectNode deploy =
        structured(
            "{\"action\":\"deploy\",\"workload\":\"a2a-shared\",\"image\":\"busybox:1.36\","
                + "\"replicas\":1,\"memoryMiB\":900000}",
            context);
    deploy.putObject("configuration").put("returnImmediately", true);
    JsonNode task = result(a, "SendMessage", deploy).path("task");
    String taskId = task.path("id").asText();
    assertThat(task.path("status").path("state").asText()).isEqualTo("TASK_STATE_WORKING");

    JsonNode onB = result(b, "GetTask", id("id", taskId));
    assertThat(onB.path("contextId").asText()).isEqualTo(context);
    assertThat(onB.path("status").path("state").asText()).isEqualTo("TASK_STATE_WORKING");
    JsonNode listed = result(b, "ListTasks", id("contextId", context));
    assertThat(listed.path("tasks").findValuesAsText("id")).containsExactly(taskId);

    JsonNode refused = rpc(b, "CancelTask", id("id", taskId));
    assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32004);
    assertThat(refused.path("error").path("message").asText()).contains("a2a-node-a");

    HttpResponse<InputStream> stream =
        HTTP.send(
            request(b, "SubscribeToTask", id("id", taskId)),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.startsWith("data: ")) {
          continue;
        }
        events.add(Json.mapper().readTree(line.substring(6)).path("result"));
        if (events.size() == 1) {
          // B follows now; A ends the task.
          JsonNode canceled = result(a, "CancelTask", id("id", taskId));
          assertThat(canceled.path("status").path("state").asText())
              .isEqualTo("TASK_STATE_CANCELED");
        }
      }
    }
    assertThat(events.get(0).path("task").path("status").path("state").asText())
        .isEqualTo("TASK_STATE_WORKING");
    JsonNode last = events.get(events.size() - 1).path("statusUpdate");
    assertThat(last.path("taskId").asText()).isEqualTo(taskId);
    assertThat(last.path("status").path("state").asText()).isEqualTo("TASK_STATE_CANCELED");
    assertThat(last.path("status").path("message").path("parts").path(0).path("text").asText())
        .contains("stopped following a2a-shared");

    assertThat(result(b, "GetTask", id("id", taskId)).path("status").path("state").asText())
        .isEqualTo("TASK_STATE_CANCELED");
    JsonNode removed =
        result(
                a,
                "SendMessage",
                structured("{\"action\":\"delete\",\"workload\":\"a2a-shared\"}", context))
            .path("task");
    assertThat(removed.path("status").path("state").asText()).isEqualTo("TASK_STATE_COMPLETED");
  }
}
