package dev.aino.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.json.Json;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.PushReceiver;
import dev.aino.server.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A2A push notifications over real HTTP: {@code aino up --a2a-push-allowed-host 127.0.0.1} POSTs a
 * task's updates to a webhook the test runs on loopback, with the config's token and
 * authentication, in the shape of the version the config was set with; retries a receiver that
 * fails; refuses a URL whose host is not allowed, and any config that is not exactly the spec's.
 */
class A2aPushTest {
  private static final String TOKEN = "a2a-push-token";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dataDir;

  private static AinoServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            dataDir, Map.of("AINO_TOKEN", TOKEN), "--a2a-push-allowed-host", "127.0.0.1");
    server.intents().warmUp();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode rpc(AinoServer server, String version, String method, JsonNode params)
      throws Exception {
    ObjectNode req = Json.mapper().createObjectNode();
    req.put("jsonrpc", "2.0").put("id", 1).put("method", method).set("params", params);
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
    return Json.mapper().readTree(r.body());
  }

  static JsonNode result(AinoServer server, String version, String method, JsonNode params)
      throws Exception {
    JsonNode n = rpc(server, version, method, params);
    assertThat(n.has("error")).as(n.toString()).isFalse();
    return n.path("result");
  }

  static JsonNode error(AinoServer server, String version, String method, JsonNode params)
      throws Exception {
    JsonNode n = rpc(server, version, method, params);
    assertThat(n.has("result")).as(n.toString()).isFalse();
    return n.path("error");
  }

  /** Send params for {@code text}: 1.0 or 0.3 shape. */
  static ObjectNode say(String version, String text) {
    ObjectNode p = Json.mapper().createObjectNode();
    ObjectNode m = p.putObject("message");
    m.put("messageId", UUID.randomUUID().toString())
        .put("role", "1.0".equals(version) ? "ROLE_USER" : "user");
    ObjectNode part = m.putArray("parts").addObject();
    if (!"1.0".equals(version)) {
      part.put("kind", "text");
      m.put("kind", "message");
    }
    part.put("text", text);
    return p;
  }

  private static String stateOf1(JsonNode body) {
    if (body.has("task")) {
      return body.path("task").path("status").path("state").asText();
    }
    return body.path("statusUpdate").path("status").path("state").asText();
  }

  // ---- delivery

  @Test
  void aDeployIsPushedFromSubmittedToCompletedWithTheTokenAndTheAuthentication() throws Exception {
    try (PushReceiver hook = new PushReceiver(0)) {
      ObjectNode p = say("1.0", "run 2 copies of busybox:1.36 called push-web with 16 MiB each");
      ObjectNode config = p.putObject("configuration").putObject("taskPushNotificationConfig");
      config.put("url", hook.url("/hooks/aino").toString()).put("token", "tok-123");
      config.putObject("authentication").put("scheme", "Bearer").put("credentials", "hook-secret");
      JsonNode task = result(server, "1.0", "SendMessage", p).path("task");
      assertThat(task.path("status").path("state").asText()).isEqualTo("TASK_STATE_COMPLETED");

      List<PushReceiver.Received> got = new ArrayList<>();
      PushReceiver.Received r;
      do {
        r = hook.next(WAIT);
        got.add(r);
        assertThat(r.header("X-A2A-Notification-Token")).isEqualTo("tok-123");
        assertThat(r.header("Authorization")).isEqualTo("Bearer hook-secret");
        assertThat(r.header("Content-Type")).isEqualTo("application/a2a+json");
      } while (!stateOf1(r.body()).equals("TASK_STATE_COMPLETED"));

      JsonNode first = got.get(0).body();
      assertThat(first.path("task").path("id").asText()).isEqualTo(task.path("id").asText());
      assertThat(stateOf1(first)).isEqualTo("TASK_STATE_SUBMITTED");
      List<String> states = new ArrayList<>();
      got.forEach(x -> states.add(stateOf1(x.body())));
      assertThat(states).contains("TASK_STATE_WORKING");
      assertThat(got)
          .anySatisfy(
              x ->
                  assertThat(
                          x.body()
                              .path("artifactUpdate")
                              .path("artifact")
                              .path("parts")
                              .path(1)
                              .path("data")
                              .path("replicas")
                              .asInt())
                      .isEqualTo(2));
      JsonNode last = got.get(got.size() - 1).body().path("statusUpdate");
      assertThat(last.path("taskId").asText()).isEqualTo(task.path("id").asText());
      assertThat(hook.poll(Duration.ofMillis(300))).isNull();
    }
  }

  @Test
  void a03ConfigGetsTheWholeTaskIn03sShapeEachTime() throws Exception {
    try (PushReceiver hook = new PushReceiver(0)) {
      ObjectNode p = say("0.3", "list workloads");
      ObjectNode config = p.putObject("configuration").putObject("pushNotificationConfig");
      config.put("url", hook.url("/legacy").toString()).put("token", "legacy-token");
      config.putObject("authentication").put("credentials", "c").putArray("schemes").add("Basic");
      JsonNode task = result(server, null, "message/send", p);
      assertThat(task.path("status").path("state").asText()).isEqualTo("completed");

      PushReceiver.Received r = hook.next(WAIT);
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      assertThat(r.header("X-A2A-Notification-Token")).isEqualTo("legacy-token");
      assertThat(r.header("Authorization")).isEqualTo("Basic c");
      assertThat(r.body().path("kind").asText()).isEqualTo("task");
      assertThat(r.body().path("status").path("state").asText()).isEqualTo("submitted");
      while (!r.body().path("status").path("state").asText().equals("completed")) {
        r = hook.next(WAIT);
        assertThat(r.body().path("id").asText()).isEqualTo(task.path("id").asText());
      }
      assertThat(r.body().path("artifacts").path(0).path("parts").path(0).path("kind").asText())
          .isEqualTo("text");
    }
  }

  @Test
  void aReceiverThatFailsTwiceGetsTheUpdateOnTheThirdAttemptAndTheRestInOrder() throws Exception {
    try (PushReceiver hook = new PushReceiver(2)) {
      ObjectNode p = say("1.0", "list workloads");
      p.putObject("configuration")
          .putObject("taskPushNotificationConfig")
          .put("url", hook.url("/flaky").toString());
      JsonNode task = result(server, "1.0", "SendMessage", p).path("task");

      PushReceiver.Received one = hook.next(WAIT);
      PushReceiver.Received two = hook.next(WAIT);
      PushReceiver.Received three = hook.next(WAIT);
      assertThat(List.of(one.answered(), two.answered(), three.answered()))
          .containsExactly(503, 503, 200);
      assertThat(one.body()).isEqualTo(two.body()).isEqualTo(three.body());
      assertThat(stateOf1(three.body())).isEqualTo("TASK_STATE_SUBMITTED");
      assertThat(three.header("X-A2A-Notification-Token")).isNull();
      PushReceiver.Received r;
      do {
        r = hook.next(WAIT);
        assertThat(r.answered()).isEqualTo(200);
      } while (!stateOf1(r.body()).equals("TASK_STATE_COMPLETED"));
      assertThat(r.body().path("statusUpdate").path("taskId").asText())
          .isEqualTo(task.path("id").asText());
    }
  }

  // ---- configs

  @Test
  void theCardSaysPushNotificationsAndConfigsAreCreatedReadListedAndDeletedInBothVersions()
      throws Exception {
    HttpResponse<String> card =
        HTTP.send(
            HttpRequest.newBuilder(server.baseUri().resolve("/.well-known/agent-card.json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(Json.mapper().readTree(card.body()).path("capabilities").path("pushNotifications"))
        .isEqualTo(Json.mapper().getNodeFactory().booleanNode(true));

    String taskId =
        result(server, "1.0", "SendMessage", say("1.0", "list workloads"))
            .path("task")
            .path("id")
            .asText();
    ObjectNode create = Json.mapper().createObjectNode();
    create.put("taskId", taskId).put("id", "a").put("url", "http://127.0.0.1:9/a");
    create.put("token", "t-a");
    JsonNode created = result(server, "1.0", "CreateTaskPushNotificationConfig", create);
    assertThat(created.path("id").asText()).isEqualTo("a");
    assertThat(created.path("taskId").asText()).isEqualTo(taskId);
    assertThat(created.path("url").asText()).isEqualTo("http://127.0.0.1:9/a");

    ObjectNode set = Json.mapper().createObjectNode();
    set.put("taskId", taskId)
        .putObject("pushNotificationConfig")
        .put("id", "b")
        .put("url", "https://127.0.0.1:8443/b");
    JsonNode legacy = result(server, null, "tasks/pushNotificationConfig/set", set);
    assertThat(legacy.path("pushNotificationConfig").path("id").asText()).isEqualTo("b");

    ObjectNode ref = Json.mapper().createObjectNode();
    ref.put("taskId", taskId).put("id", "b");
    assertThat(result(server, "1.0", "GetTaskPushNotificationConfig", ref).path("url").asText())
        .isEqualTo("https://127.0.0.1:8443/b");
    ObjectNode legacyRef = Json.mapper().createObjectNode();
    legacyRef.put("id", taskId).put("pushNotificationConfigId", "a");
    assertThat(
            result(server, "0.3", "tasks/pushNotificationConfig/get", legacyRef)
                .path("pushNotificationConfig")
                .path("token")
                .asText())
        .isEqualTo("t-a");

    ObjectNode list = Json.mapper().createObjectNode();
    list.put("taskId", taskId);
    JsonNode listed = result(server, "1.0", "ListTaskPushNotificationConfigs", list);
    assertThat(listed.path("configs").findValuesAsText("id")).containsExactly("a", "b");
    assertThat(listed.path("nextPageToken").asText()).isEmpty();

    JsonNode deleted = result(server, null, "tasks/pushNotificationConfig/delete", legacyRef);
    assertThat(deleted.isNull()).isTrue();
    assertThat(result(server, "1.0", "DeleteTaskPushNotificationConfig", ref).isObject()).isTrue();
    ObjectNode legacyList = Json.mapper().createObjectNode();
    legacyList.put("id", taskId);
    assertThat(result(server, null, "tasks/pushNotificationConfig/list", legacyList).size())
        .isZero();
    JsonNode gone = error(server, "1.0", "GetTaskPushNotificationConfig", ref);
    assertThat(gone.path("code").asInt()).isEqualTo(-32602);
    assertThat(gone.path("message").asText()).contains("has no push notification config b");

    ObjectNode noTask = Json.mapper().createObjectNode();
    noTask.put("taskId", "no-such-task").put("url", "http://127.0.0.1/x");
    assertThat(
            error(server, "1.0", "CreateTaskPushNotificationConfig", noTask).path("code").asInt())
        .isEqualTo(-32001);
  }

  @Test
  void aHostThatIsNotAllowedAndEveryMalformedConfigAreRefusedNamingTheField() throws Exception {
    String taskId =
        result(server, "1.0", "SendMessage", say("1.0", "list workloads"))
            .path("task")
            .path("id")
            .asText();
    ObjectNode elsewhere = Json.mapper().createObjectNode();
    elsewhere.put("taskId", taskId).put("url", "http://metadata.internal/latest");
    JsonNode refused = error(server, "1.0", "CreateTaskPushNotificationConfig", elsewhere);
    assertThat(refused.path("code").asInt()).isEqualTo(-32602);
    assertThat(refused.path("message").asText())
        .contains("params.url", "metadata.internal:80", "--a2a-push-allowed-host", "127.0.0.1");

    ObjectNode inSend = say("1.0", "list workloads");
    inSend
        .putObject("configuration")
        .putObject("taskPushNotificationConfig")
        .put("url", "https://example.com/hook");
    JsonNode sendRefused = error(server, "1.0", "SendMessage", inSend);
    assertThat(sendRefused.path("message").asText())
        .contains(
            "params.configuration.taskPushNotificationConfig.url",
            "example.com:443",
            "--a2a-push-allowed-host");

    assertRefused(taskId, "{\"url\":\"ftp://127.0.0.1/x\"}", "params.url", "http or https");
    assertRefused(taskId, "{\"url\":\"http://u:p@127.0.0.1/x\"}", "params.url", "credentials");
    assertRefused(taskId, "{\"url\":\"http://127.0.0.1/x\",\"tokn\":\"t\"}", "params.tokn", "");
    assertRefused(taskId, "{\"url\":\"http://127.0.0.1/x\",\"token\":5}", "params.token", "string");
    assertRefused(
        taskId,
        "{\"url\":\"http://127.0.0.1/x\",\"authentication\":{\"scheme\":\"Bearer\",\"x\":1}}",
        "params.authentication.x",
        "");
    assertRefused(
        taskId,
        "{\"url\":\"http://127.0.0.1/x\",\"authentication\":{\"scheme\":\"Bea rer\"}}",
        "params.authentication.scheme",
        "scheme");
    assertRefused(taskId, "{\"token\":\"t\"}", "params.url", "required");

    ObjectNode legacy = Json.mapper().createObjectNode();
    legacy.put("taskId", taskId);
    legacy
        .putObject("pushNotificationConfig")
        .put("url", "http://127.0.0.1/x")
        .putObject("authentication")
        .put("schemes", "Bearer");
    JsonNode legacyRefused = error(server, null, "tasks/pushNotificationConfig/set", legacy);
    assertThat(legacyRefused.path("message").asText())
        .contains("params.pushNotificationConfig.authentication.schemes");
  }

  private static void assertRefused(String taskId, String config, String path, String reason)
      throws Exception {
    ObjectNode p = (ObjectNode) Json.mapper().readTree(config);
    p.put("taskId", taskId);
    JsonNode e = error(server, "1.0", "CreateTaskPushNotificationConfig", p);
    assertThat(e.path("code").asInt()).as(e.toString()).isEqualTo(-32602);
    assertThat(e.path("message").asText()).startsWith(path + ":").contains(reason);
  }
}
