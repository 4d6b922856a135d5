package dev.aino.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.json.Json;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A2A tasks outlive a restart of {@code aino up} on SQLite: the same data directory, a new server,
 * and GetTask and ListTasks still answer what the first one did; a question the restart interrupted
 * reads as failed, saying so.
 */
class A2aRestartTest {
  private static final String TOKEN = "a2a-restart";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dataDir;

  private static AinoServer start(Path dataDir) {
    AinoServer s =
        TestServer.start(
            dataDir,
            Map.of("AINO_TOKEN", TOKEN),
            "--store",
            "sqlite",
            "--a2a-task-retention",
            "2h",
            "--a2a-push-allowed-host",
            "127.0.0.1:8443");
    s.intents().warmUp();
    return s;
  }

  private static JsonNode result(AinoServer server, String version, String method, JsonNode p)
      throws Exception {
    ObjectNode req = Json.mapper().createObjectNode();
    req.put("jsonrpc", "2.0").put("id", 1).put("method", method).set("params", p);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve("/a2a"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(req.toString()));
    if (version != null) {
      b.header("A2A-Version", version);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode n = Json.mapper().readTree(r.body());
    assertThat(n.has("error")).as(n.toString()).isFalse();
    return n.path("result");
  }

  private static JsonNode send(AinoServer server, String text, String contextId) throws Exception {
    ObjectNode p = Json.mapper().createObjectNode();
    ObjectNode m = p.putObject("message");
    m.put("messageId", UUID.randomUUID().toString()).put("role", "ROLE_USER");
    m.put("contextId", contextId);
    m.putArray("parts").addObject().put("text", text);
    return result(server, "1.0", "SendMessage", p).path("task");
  }

  private static ObjectNode params(String field, String value) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put(field, value);
    return p;
  }

  @Test
  void tasksAreStillAnsweredAfterARestartOnTheSameDataDirectory() throws Exception {
    String context = UUID.randomUUID().toString();
    JsonNode deployed;
    JsonNode asked;
    try (AinoServer first = start(dataDir)) {
      deployed = send(first, "run 1 copy of busybox:1.36 called kept with 16 MiB", context);
      assertThat(deployed.path("status").path("state").asText()).isEqualTo("TASK_STATE_COMPLETED");
      asked = send(first, "delete kept", context);
      assertThat(asked.path("status").path("state").asText())
          .isEqualTo("TASK_STATE_INPUT_REQUIRED");
    }

    try (AinoServer second = start(dataDir)) {
      String id = deployed.path("id").asText();
      JsonNode got = result(second, "1.0", "GetTask", params("id", id));
      assertThat(got.path("contextId").asText()).isEqualTo(context);
      assertThat(got.path("status")).isEqualTo(deployed.path("status"));
      assertThat(got.path("artifacts")).isEqualTo(deployed.path("artifacts"));
      assertThat(got.path("history")).isEqualTo(deployed.path("history"));

      JsonNode old = result(second, null, "tasks/get", params("id", id));
      assertThat(old.path("status").path("state").asText()).isEqualTo("completed");

      JsonNode interrupted =
          result(second, "1.0", "GetTask", params("id", asked.path("id").asText()));
      assertThat(interrupted.path("status").path("state").asText()).isEqualTo("TASK_STATE_FAILED");
      assertThat(
              interrupted
                  .path("status")
                  .path("message")
                  .path("parts")
                  .path(0)
                  .path("text")
                  .asText())
          .contains("restarted", "nothing was changed");

      ObjectNode filter = params("contextId", context);
      filter.put("status", "TASK_STATE_COMPLETED");
      JsonNode page = result(second, "1.0", "ListTasks", filter);
      assertThat(page.path("totalSize").asInt()).isEqualTo(1);
      assertThat(page.path("tasks").path(0).path("id").asText()).isEqualTo(id);

      ObjectNode paged = params("contextId", context);
      paged.put("pageSize", 1);
      JsonNode one = result(second, "1.0", "ListTasks", paged);
      assertThat(one.path("totalSize").asInt()).isEqualTo(2);
      assertThat(one.path("tasks").size()).isEqualTo(1);
      paged.put("pageToken", one.path("nextPageToken").asText());
      JsonNode two = result(second, "1.0", "ListTasks", paged);
      assertThat(two.path("tasks").size()).isEqualTo(1);
      assertThat(two.path("nextPageToken").asText()).isEmpty();
      assertThat(
              java.util.List.of(
                  one.path("tasks").path(0).path("id").asText(),
                  two.path("tasks").path(0).path("id").asText()))
          .containsExactlyInAnyOrder(id, asked.path("id").asText());
    }
  }

  @Test
  void pushConfigsOfBothVersionsAreStillListedAfterARestartAndCanBeDeleted() throws Exception {
    String context = UUID.randomUUID().toString();
    String taskId;
    try (AinoServer first = start(dataDir)) {
      taskId = send(first, "list workloads", context).path("id").asText();
      ObjectNode create = params("taskId", taskId);
      create.put("id", "new").put("url", "https://127.0.0.1:8443/v1").put("token", "t1");
      create.putObject("authentication").put("scheme", "Bearer").put("credentials", "s1");
      result(first, "1.0", "CreateTaskPushNotificationConfig", create);
      ObjectNode set = params("taskId", taskId);
      set.putObject("pushNotificationConfig").put("url", "https://127.0.0.1:8443/v03");
      JsonNode legacy = result(first, null, "tasks/pushNotificationConfig/set", set);
      // Without an id, a config takes its task's.
      assertThat(legacy.path("pushNotificationConfig").path("id").asText()).isEqualTo(taskId);
    }

    try (AinoServer second = start(dataDir)) {
      JsonNode listed =
          result(second, "1.0", "ListTaskPushNotificationConfigs", params("taskId", taskId));
      assertThat(listed.path("configs").findValuesAsText("id")).containsExactly("new", taskId);
      JsonNode kept = listed.path("configs").path(0);
      assertThat(kept.path("url").asText()).isEqualTo("https://127.0.0.1:8443/v1");
      assertThat(kept.path("token").asText()).isEqualTo("t1");
      assertThat(kept.path("authentication").path("scheme").asText()).isEqualTo("Bearer");
      assertThat(kept.path("authentication").path("credentials").asText()).isEqualTo("s1");

      ObjectNode delete = params("id", taskId);
      delete.put("pushNotificationConfigId", "new");
      result(second, null, "tasks/pushNotificationConfig/delete", delete);
    }

    try (AinoServer third = start(dataDir)) {
      JsonNode legacy =
          result(third, null, "tasks/pushNotificationConfig/list", params("id", taskId));
      assertThat(legacy.size()).isEqualTo(1);
      assertThat(legacy.path(0).path("pushNotificationConfig").path("url").asText())
          .isEqualTo("https://127.0.0.1:8443/v03");
    }
  }
}
