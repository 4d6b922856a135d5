package dev.aino.server.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.a2a.A2aAgent;
import dev.aino.a2a.A2aSettings;
import dev.aino.a2a.Reply;
import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.api.Surface;
import dev.aino.error.NotFoundException;
import dev.aino.json.Json;
import dev.aino.server.AinoServer;
import dev.aino.server.http.TokensFile;
import dev.aino.server.testing.TestServer;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The A2A endpoint of {@code aino up} over real HTTP, as another agent uses it: the card, answers,
 * changes followed to completion, streams, questions and confirmations, cancel, listing, both
 * protocol versions and every protocol error. One server with a token; each test uses workloads and
 * contexts of its own.
 */
class A2aJsonRpcTest {
  private static final String TOKEN = "a2a-s3cret";
  private static final String READ_TOKEN = "a2a-read-only-token-0123456789";

  @TempDir static Path dataDir;

  private static AinoServer server;
  private static String operatorToken;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    Path tokens = dataDir.resolve("tokens");
    operatorToken = TokensFile.create(tokens, "a2a-ops", Role.OPERATOR);
    server =
        TestServer.start(
            dataDir,
            Map.of("AINO_TOKEN", TOKEN, "AINO_READ_TOKEN", READ_TOKEN),
            "--tokens-file",
            tokens.toString());
    server.intents().warmUp();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  // ---- helpers

  private static HttpResponse<String> post(String version, String body, String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve("/a2a"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (version != null) {
      b.header("A2A-Version", version);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON-RPC call; the response is HTTP 200 whatever the outcome. */
  private static JsonNode rpc(String version, String method, JsonNode params) throws Exception {
    ObjectNode req = Json.mapper().createObjectNode();
    req.put("jsonrpc", "2.0").put("id", 7).put("method", method).set("params", params);
    HttpResponse<String> r = post(version, req.toString(), TOKEN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode n = Json.mapper().readTree(r.body());
    assertThat(n.path("id").asInt()).isEqualTo(7);
    return n;
  }

  private static JsonNode result(String version, String method, JsonNode params) throws Exception {
    JsonNode n = rpc(version, method, params);
    assertThat(n.has("error")).as(n.toString()).isFalse();
    return n.path("result");
  }

  private static int errorCode(String version, String method, JsonNode params) throws Exception {
    JsonNode n = rpc(version, method, params);
    assertThat(n.has("result")).as(n.toString()).isFalse();
    assertThat(n.path("error").path("message").asText()).isNotBlank();
    return n.path("error").path("code").asInt();
  }

  /** SendMessage params for {@code text} (1.0 shape). */
  private static ObjectNode say(String text, String contextId, String taskId) {
    ObjectNode p = Json.mapper().createObjectNode();
    ObjectNode m = p.putObject("message");
    m.put("messageId", UUID.randomUUID().toString()).put("role", "ROLE_USER");
    m.putArray("parts").addObject().put("text", text);
    if (contextId != null) {
      m.put("contextId", contextId);
    }
    if (taskId != null) {
      m.put("taskId", taskId);
    }
    return p;
  }

  private static JsonNode send(ObjectNode params) throws Exception {
    return result("1.0", "SendMessage", params).path("task");
  }

  private static String state(JsonNode task) {
    return task.path("status").path("state").asText();
  }

  private static String statusText(JsonNode task) {
    return task.path("status").path("message").path("parts").path(0).path("text").asText();
  }

  private static ObjectNode id(String id) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("id", id);
    return p;
  }

  /** The JSON-RPC responses of one SSE stream, in order. */
  private static List<JsonNode> stream(String version, String method, JsonNode params)
      throws Exception {
    ObjectNode req = Json.mapper().createObjectNode();
    req.put("jsonrpc", "2.0").put("id", "s1").put("method", method).set("params", params);
    HttpRequest r =
        HttpRequest.newBuilder(server.baseUri().resolve("/a2a"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TOKEN)
            .header("A2A-Version", version)
            .POST(HttpRequest.BodyPublishers.ofString(req.toString()))
            .build();
    HttpResponse<InputStream> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<JsonNode> events = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("data: ")) {
          JsonNode e = Json.mapper().readTree(line.substring(6));
          assertThat(e.path("id").asText()).isEqualTo("s1");
          events.add(e.path("result"));
        }
      }
    }
    return events;
  }

  // ---- discovery and auth

  @Test
  void theCardIsPublicAndDeclaresTheEndpointTheBearerTokenAndTheSkills() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(server.baseUri().resolve("/.well-known/agent-card.json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode card = Json.mapper().readTree(r.body());
    assertThat(card.path("name").asText()).isEqualTo("aino");
    assertThat(card.path("version").asText()).isNotBlank();
    JsonNode first = card.path("supportedInterfaces").path(0);
    assertThat(first.path("url").asText()).isEqualTo(server.baseUri().resolve("/a2a").toString());
    assertThat(first.path("protocolBinding").asText()).isEqualTo("JSONRPC");
    assertThat(first.path("protocolVersion").asText()).isEqualTo("1.0");
    assertThat(card.path("supportedInterfaces").path(1).path("protocolVersion").asText())
        .isEqualTo("0.3");
    assertThat(card.path("capabilities").path("streaming").asBoolean()).isTrue();
    // No --a2a-push-allowed-host: no push notifications.
    assertThat(card.path("capabilities").path("pushNotifications").isBoolean()).isTrue();
    assertThat(card.path("capabilities").path("pushNotifications").asBoolean()).isFalse();
    assertThat(
            card.path("securitySchemes")
                .path("bearer")
                .path("httpAuthSecurityScheme")
                .path("scheme")
                .asText())
        .isEqualTo("Bearer");
    assertThat(card.path("defaultInputModes").toString())
        .contains("text/plain", "application/json");
    List<String> skills = new ArrayList<>();
    card.path("skills")
        .forEach(
            s -> {
              skills.add(s.path("id").asText());
              assertThat(s.path("examples").size()).isPositive();
            });
    assertThat(skills)
        .containsExactly("deploy", "scale", "autoscale", "status", "logs", "node-maintenance");

    HttpResponse<String> anonymous =
        post("1.0", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetTask\"}", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  // ---- answers and changes

  @Test
  void aQuestionIsACompletedTaskWithTheAnswerAsTextAndData() throws Exception {
    // Empty ids are absent ones, as protocol-buffer clients send them.
    JsonNode task = send(say("list workloads", "", ""));
    assertThat(state(task)).isEqualTo("TASK_STATE_COMPLETED");
    assertThat(task.path("id").asText()).isNotBlank();
    assertThat(task.path("contextId").asText()).isNotBlank();
    JsonNode parts = task.path("artifacts").path(0).path("parts");
    assertThat(parts.path(0).path("text").asText()).isNotBlank();
    assertThat(parts.path(1).path("data").path("outcome").asText()).isEqualTo("ANSWERED");
    assertThat(parts.path(1).path("data").path("action").asText()).isEqualTo("LIST");
    assertThat(parts.path(1).path("mediaType").asText()).isEqualTo("application/json");

    JsonNode got = result("1.0", "GetTask", id(task.path("id").asText()));
    assertThat(got.path("id").asText()).isEqualTo(task.path("id").asText());
    assertThat(state(got)).isEqualTo("TASK_STATE_COMPLETED");
    assertThat(got.path("history").path(0).path("role").asText()).isEqualTo("ROLE_USER");
  }

  @Test
  void aDeployIsFollowedUntilEveryReplicaRunsAndReturnsTheAppliedSpec() throws Exception {
    JsonNode task =
        send(say("run 3 copies of busybox:1.36 called a2a-web with 32 MiB each", null, null));
    assertThat(state(task)).as(task.toString()).isEqualTo("TASK_STATE_COMPLETED");
    JsonNode artifact = task.path("artifacts").path(0);
    assertThat(artifact.path("name").asText()).isEqualTo("workload-spec");
    assertThat(artifact.path("parts").path(0).path("text").asText()).contains("a2a-web");
    assertThat(artifact.path("parts").path(1).path("data").path("replicas").asInt()).isEqualTo(3);
    assertThat(server.service().workload("a2a-web").running()).isEqualTo(3);
  }

  @Test
  void aStreamedScaleSaysSubmittedWorkingWithProgressThenCompletedWithArtifacts() throws Exception {
    send(say("run 1 copy of busybox:1.36 called a2a-stream with 16 MiB", null, null));
    List<JsonNode> events =
        stream("1.0", "SendStreamingMessage", say("scale a2a-stream to 4", null, null));
    assertThat(events.get(0).path("task").path("status").path("state").asText())
        .isEqualTo("TASK_STATE_SUBMITTED");
    List<String> states = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    boolean artifact = false;
    for (JsonNode e : events.subList(1, events.size())) {
      if (e.has("artifactUpdate")) {
        artifact = true;
        assertThat(
                e.path("artifactUpdate")
                    .path("artifact")
                    .path("parts")
                    .path(1)
                    .path("data")
                    .path("replicas")
                    .asInt())
            .isEqualTo(4);
      } else {
        JsonNode status = e.path("statusUpdate").path("status");
        states.add(status.path("state").asText());
        texts.add(status.path("message").path("parts").path(0).path("text").asText());
      }
    }
    assertThat(artifact).isTrue();
    assertThat(states).startsWith("TASK_STATE_WORKING").endsWith("TASK_STATE_COMPLETED");
    assertThat(texts).anyMatch(t -> t.matches("[0-4]/4 running"));
    assertThat(server.service().workload("a2a-stream").running()).isEqualTo(4);
  }

  @Test
  void aMissingDetailIsAskedAndTheAnswerWithTheSameTaskIdContinuesTheTask() throws Exception {
    send(say("run 1 copy of busybox:1.36 called a2a-ask with 16 MiB", null, null));
    JsonNode asked = send(say("scale to 2", UUID.randomUUID().toString(), null));
    assertThat(state(asked)).as(asked.toString()).isEqualTo("TASK_STATE_INPUT_REQUIRED");
    assertThat(statusText(asked)).isNotBlank();
    String taskId = asked.path("id").asText();

    JsonNode done = send(say("a2a-ask", asked.path("contextId").asText(), taskId));
    assertThat(done.path("id").asText()).isEqualTo(taskId);
    assertThat(state(done)).as(done.toString()).isEqualTo("TASK_STATE_COMPLETED");
    assertThat(server.service().workload("a2a-ask").desired()).isEqualTo(2);

    // A finished task takes no more messages.
    assertThat(errorCode("1.0", "SendMessage", say("a2a-ask", null, taskId))).isEqualTo(-32004);
  }

  @Test
  void aDeleteAsksForConfirmationUnlessTheMetadataConfirms() throws Exception {
    send(say("run 1 copy of busybox:1.36 called a2a-gone with 16 MiB", null, null));
    JsonNode asked = send(say("delete a2a-gone", null, null));
    assertThat(state(asked)).isEqualTo("TASK_STATE_INPUT_REQUIRED");
    assertThat(
            asked
                .path("status")
                .path("message")
                .path("parts")
                .path(1)
                .path("data")
                .path("missing")
                .path(0)
                .asText())
        .isEqualTo("confirm");
    assertThat(server.service().workload("a2a-gone").workload().isDeleting()).isFalse();

    JsonNode deleted =
        send(say("yes", asked.path("contextId").asText(), asked.path("id").asText()));
    assertThat(state(deleted)).as(deleted.toString()).isEqualTo("TASK_STATE_COMPLETED");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> server.service().workload("a2a-gone")))
        .isInstanceOf(NotFoundException.class);

    send(say("run 1 copy of busybox:1.36 called a2a-gone2 with 16 MiB", null, null));
    ObjectNode confirmed = say("delete a2a-gone2", null, null);
    ((ObjectNode) confirmed.path("message")).putObject("metadata").put("confirm", true);
    assertThat(state(send(confirmed))).isEqualTo("TASK_STATE_COMPLETED");
  }

  @Test
  void aConfirmationOfAPlanWhoseWorkloadChangedSinceIsRejectedWithWhatChangedThenReplanned()
      throws Exception {
    send(say("run 2 copies of busybox:1.36 called a2a-race with 16 MiB", null, null));
    // Two agents, each in its own context, plan a destructive change from generation n.
    JsonNode stop = send(say("scale a2a-race to 0", null, null));
    JsonNode delete = send(say("delete a2a-race", null, null));
    assertThat(state(stop)).as(stop.toString()).isEqualTo("TASK_STATE_INPUT_REQUIRED");
    assertThat(state(delete)).as(delete.toString()).isEqualTo("TASK_STATE_INPUT_REQUIRED");
    long n = server.service().workload("a2a-race").workload().generation();

    JsonNode stopped = send(say("yes", stop.path("contextId").asText(), stop.path("id").asText()));
    assertThat(state(stopped)).as(stopped.toString()).isEqualTo("TASK_STATE_COMPLETED");
    JsonNode refused =
        send(say("yes", delete.path("contextId").asText(), delete.path("id").asText()));

    assertThat(state(refused)).as(refused.toString()).isEqualTo("TASK_STATE_REJECTED");
    assertThat(statusText(refused))
        .contains("a2a-race moved from 2 to 0 replicas (generation " + n + ", now " + (n + 1))
        .contains("nothing was changed: re-plan?");
    assertThat(server.service().workload("a2a-race").workload().isDeleting()).isFalse();

    JsonNode asked = send(say("delete a2a-race", delete.path("contextId").asText(), null));
    assertThat(state(asked)).isEqualTo("TASK_STATE_INPUT_REQUIRED");
    JsonNode deleted =
        send(say("yes", asked.path("contextId").asText(), asked.path("id").asText()));
    assertThat(state(deleted)).as(deleted.toString()).isEqualTo("TASK_STATE_COMPLETED");
  }

  @Test
  void anUnsafeIntentIsRejectedAndChangesNothing() throws Exception {
    JsonNode task =
        send(say("run busybox:1.36 with \"sleep 1 && reboot\" named a2a-bad", null, null));
    assertThat(state(task)).isEqualTo("TASK_STATE_REJECTED");
    assertThat(statusText(task)).contains("command").contains("shell");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> server.service().workload("a2a-bad")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aViewerGetsAnswersButItsChangesAreRejectedNamingItsRoleAndNothingChanges() throws Exception {
    JsonNode answer = sendAs(READ_TOKEN, say("list workloads", null, null));
    assertThat(state(answer)).as(answer.toString()).isEqualTo("TASK_STATE_COMPLETED");

    JsonNode change =
        sendAs(
            READ_TOKEN,
            say("run 1 copy of busybox:1.36 called a2a-viewer with 16 MiB", null, null));
    assertThat(state(change)).as(change.toString()).isEqualTo("TASK_STATE_REJECTED");
    assertThat(statusText(change))
        .contains("viewer may not apply workload a2a-viewer")
        .contains("the role viewer reads only");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> server.service().workload("a2a-viewer")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aFieldTheVersionDoesNotDefineOrADuplicateKeyIsRefusedNamingIt() throws Exception {
    ObjectNode misspelt = say("list workloads", null, null);
    ((ObjectNode) misspelt.get("message")).put("taskid", "t-1");
    JsonNode unknown = rpc("1.0", "SendMessage", misspelt);
    assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(unknown.path("error").path("message").asText()).contains("message.taskid");

    ObjectNode oddPart = say("list workloads", null, null);
    ((ObjectNode) oddPart.get("message").get("parts").get(0)).put("colour", "red");
    assertThat(rpc("1.0", "SendMessage", oddPart).path("error").path("message").asText())
        .contains("message.parts[0].colour");

    HttpResponse<String> twice =
        post(
            "1.0",
            "{\"jsonrpc\": \"2.0\", \"id\": 1, \"id\": 2, \"method\": \"GetTask\","
                + " \"params\": {}}",
            TOKEN);
    JsonNode parsed = Json.mapper().readTree(twice.body());
    assertThat(parsed.path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(parsed.path("error").path("message").asText()).contains("Duplicate field 'id'");
  }

  /** SendMessage (1.0) with another caller's token, over HTTP. */
  @Test
  void anOperatorsDrainIsRejectedNamingItAndItsRoleAndTheNodeStaysSchedulable() throws Exception {
    ObjectNode drain = say("drain " + TestServer.NODE, null, null);
    ((ObjectNode) drain.path("message")).putObject("metadata").put("confirm", true);

    JsonNode refused = sendAs(operatorToken, drain);

    assertThat(state(refused)).as(refused.toString()).isEqualTo("TASK_STATE_REJECTED");
    assertThat(statusText(refused))
        .contains("a2a-ops may not drain node " + TestServer.NODE)
        .contains("the role operator may change workloads but not nodes");
    assertThat(server.service().node(TestServer.NODE).node().schedulable()).isTrue();
  }

  private static JsonNode sendAs(String token, ObjectNode params) throws Exception {
    ObjectNode req = Json.mapper().createObjectNode();
    req.put("jsonrpc", "2.0").put("id", 8).put("method", "SendMessage").set("params", params);
    HttpResponse<String> r = post("1.0", req.toString(), token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode n = Json.mapper().readTree(r.body());
    assertThat(n.has("error")).as(n.toString()).isFalse();
    return n.path("result").path("task");
  }

  @Test
  void aChangeThatStaysPendingFailsWithTheSchedulersReasonAndTheSpecStays() {
    Caller admin = new Caller("ops", Role.ADMIN, Surface.A2A);
    A2aSettings quick =
        new A2aSettings(
            "test",
            Duration.ofHours(1),
            10,
            Duration.ofMinutes(1),
            Duration.ofMillis(500),
            Duration.ofMillis(50),
            Duration.ofSeconds(30));
    try (A2aAgent agent = new A2aAgent(server.intents(), quick)) {
      JsonNode task =
          direct(agent, admin, "run 1 copy of busybox:1.36 called a2a-stuck with 900000 MiB");
      assertThat(state(task)).as(task.toString()).isEqualTo("TASK_STATE_FAILED");
      assertThat(statusText(task))
          .startsWith("a2a-stuck is Pending: ")
          .contains("insufficient memory")
          .contains("the spec stays applied; 0/1 running");
      assertThat(server.service().workload("a2a-stuck").desired()).isEqualTo(1);
    }
  }

  /** SendMessage straight to an agent, as {@code caller} through the facade it sees. */
  private static JsonNode direct(A2aAgent agent, Caller caller, String text) {
    ObjectNode req = Json.mapper().createObjectNode();
    req.put("jsonrpc", "2.0").put("id", 1).put("method", "SendMessage");
    req.set("params", say(text, null, null));
    Reply reply =
        agent.handle(
            Json.encode(req), "1.0", server.service().as(caller), caller, "http://127.0.0.1");
    assertThat(reply).isInstanceOf(Reply.Json.class);
    return ((Reply.Json) reply).body().path("result").path("task");
  }

  // ---- cancel

  @Test
  void cancelStopsFollowingAndSaysWhatWasAppliedButAFinishedTaskIsNotCancelable() throws Exception {
    ObjectNode p =
        say("run 2 copies of busybox:1.36 called a2a-huge with 900000 MiB each", null, null);
    p.putObject("configuration").put("returnImmediately", true);
    JsonNode working = send(p);
    assertThat(state(working)).as(working.toString()).isEqualTo("TASK_STATE_WORKING");

    JsonNode canceled = result("1.0", "CancelTask", id(working.path("id").asText()));
    assertThat(state(canceled)).isEqualTo("TASK_STATE_CANCELED");
    assertThat(statusText(canceled)).contains("Already applied").contains("a2a-huge");
    assertThat(server.service().workload("a2a-huge").desired()).isEqualTo(2);

    assertThat(errorCode("1.0", "CancelTask", id(working.path("id").asText()))).isEqualTo(-32002);

    JsonNode asked = send(say("delete a2a-huge", null, null));
    JsonNode dropped = result("1.0", "CancelTask", id(asked.path("id").asText()));
    assertThat(statusText(dropped)).isEqualTo("Canceled; nothing was changed.");
    assertThat(server.service().workload("a2a-huge").workload().isDeleting()).isFalse();
  }

  // ---- listing

  @Test
  void listTasksPagesThroughOneContextAndFiltersByState() throws Exception {
    String context = UUID.randomUUID().toString();
    send(say("list workloads", context, null));
    send(say("how is the cluster", context, null));
    send(say("delete a2a-nothing-here", context, null));
    ObjectNode q = Json.mapper().createObjectNode();
    q.put("contextId", context).put("pageSize", 2);
    JsonNode page1 = result("1.0", "ListTasks", q);
    assertThat(page1.path("tasks").size()).isEqualTo(2);
    assertThat(page1.path("totalSize").asInt()).isEqualTo(3);
    String token = page1.path("nextPageToken").asText();
    assertThat(token).isNotEmpty();
    q.put("pageToken", token);
    JsonNode page2 = result("1.0", "ListTasks", q);
    assertThat(page2.path("tasks").size()).isEqualTo(1);
    assertThat(page2.path("nextPageToken").asText()).isEmpty();

    ObjectNode completed = Json.mapper().createObjectNode();
    completed.put("contextId", context).put("status", "TASK_STATE_COMPLETED");
    JsonNode done = result("1.0", "ListTasks", completed);
    done.path("tasks").forEach(t -> assertThat(state(t)).isEqualTo("TASK_STATE_COMPLETED"));
    assertThat(done.path("tasks").size()).isBetween(1, 3);

    ObjectNode any = Json.mapper().createObjectNode();
    any.put("contextId", context).put("status", "TASK_STATE_UNSPECIFIED");
    assertThat(result("1.0", "ListTasks", any).path("tasks").size()).isEqualTo(3);

    q.put("pageToken", "not-a-token");
    assertThat(errorCode("1.0", "ListTasks", q)).isEqualTo(-32602);
  }

  // ---- structured intents

  /** SendMessage params whose one part is the data part {@code intent} (1.0 shape). */
  private static ObjectNode structured(String intent) throws Exception {
    ObjectNode p = Json.mapper().createObjectNode();
    ObjectNode m = p.putObject("message");
    m.put("messageId", UUID.randomUUID().toString()).put("role", "ROLE_USER");
    m.putArray("parts")
        .addObject()
        .put("mediaType", "application/json")
        .set("data", Json.mapper().readTree(intent));
    return p;
  }

  @Test
  void aStructuredIntentInADataPartIsPlannedAndAppliedWithoutReadingWords() throws Exception {
    JsonNode deployed =
        send(
            structured(
                "{\"action\":\"deploy\",\"workload\":\"a2a-data\",\"image\":\"busybox:1.36\","
                    + "\"replicas\":1,\"memoryMiB\":16,\"env\":{\"MODE\":\"data\"}}"));
    assertThat(state(deployed)).as(deployed.toString()).isEqualTo("TASK_STATE_COMPLETED");
    assertThat(server.service().workload("a2a-data").workload().spec().env())
        .containsEntry("MODE", "data");

    JsonNode scaled =
        send(structured("{\"action\":\"scale\",\"workload\":\"a2a-data\",\"replicas\":2}"));
    assertThat(state(scaled)).as(scaled.toString()).isEqualTo("TASK_STATE_COMPLETED");
    assertThat(server.service().workload("a2a-data").running()).isEqualTo(2);
    assertThat(
            scaled
                .path("artifacts")
                .path(0)
                .path("parts")
                .path(1)
                .path("data")
                .path("replicas")
                .asInt())
        .isEqualTo(2);

    // 0.3's data part, and a destructive one that asks first, as words do.
    ObjectNode p = Json.mapper().createObjectNode();
    ObjectNode m = p.putObject("message");
    m.put("kind", "message").put("messageId", UUID.randomUUID().toString()).put("role", "user");
    m.putArray("parts")
        .addObject()
        .put("kind", "data")
        .set("data", Json.mapper().readTree("{\"action\":\"delete\",\"workload\":\"a2a-data\"}"));
    JsonNode asked = result(null, "message/send", p);
    assertThat(asked.path("status").path("state").asText()).isEqualTo("input-required");
    assertThat(server.service().workload("a2a-data").workload().isDeleting()).isFalse();

    // The planner checks the values as it checks read ones.
    JsonNode invalid =
        send(structured("{\"action\":\"scale\",\"workload\":\"a2a-data\",\"replicas\":-3}"));
    assertThat(state(invalid)).isEqualTo("TASK_STATE_REJECTED");
    assertThat(server.service().workload("a2a-data").desired()).isEqualTo(2);
  }

  @Test
  void aMalformedStructuredIntentIsRefusedNamingItsPath() throws Exception {
    Map<String, String> refused =
        Map.of(
            "{\"action\":\"scale\",\"workload\":\"web\",\"replica\":5}",
            "params.message.parts[0].data.replica:",
            "{\"action\":\"scale\",\"workload\":\"web\",\"replicas\":\"5\"}",
            "params.message.parts[0].data.replicas: must be an integer",
            "{\"action\":\"resize\",\"workload\":\"web\"}",
            "params.message.parts[0].data.action: must be one of deploy, update, scale",
            "{\"action\":5}",
            "params.message.parts[0].data.action: must be a string",
            "{\"action\":\"deploy\",\"workload\":\"w\",\"env\":{\"A\":1}}",
            "params.message.parts[0].data.env.A: must be a string",
            "{\"action\":\"deploy\",\"command\":[\"sh\",2]}",
            "params.message.parts[0].data.command[1]: must be a string",
            "{\"action\":\"deploy\",\"text\":\"deploy web\"}",
            "params.message.parts[0].data.text:");
    for (Map.Entry<String, String> e : refused.entrySet()) {
      JsonNode n = rpc("1.0", "SendMessage", structured(e.getKey()));
      assertThat(n.path("error").path("code").asInt()).as(e.getKey()).isEqualTo(-32602);
      assertThat(n.path("error").path("message").asText()).as(e.getKey()).startsWith(e.getValue());
    }
    ObjectNode mixed = structured("{\"action\":\"list\"}");
    ((ArrayNode) mixed.path("message").path("parts")).addObject().put("text", "and more");
    JsonNode n = rpc("1.0", "SendMessage", mixed);
    assertThat(n.path("error").path("message").asText())
        .startsWith("params.message.parts:")
        .contains("only part");
  }

  // ---- A2A 0.3

  @Test
  void withoutAVersionHeaderTheAgentSpeaksA2a03() throws Exception {
    ObjectNode p = Json.mapper().createObjectNode();
    ObjectNode m = p.putObject("message");
    m.put("kind", "message").put("messageId", "m-03").put("role", "user");
    m.putArray("parts").addObject().put("kind", "text").put("text", "list workloads");
    p.putObject("configuration").put("blocking", true);
    JsonNode task = result(null, "message/send", p);
    assertThat(task.path("kind").asText()).isEqualTo("task");
    assertThat(task.path("status").path("state").asText()).isEqualTo("completed");
    JsonNode part = task.path("artifacts").path(0).path("parts").path(1);
    assertThat(part.path("kind").asText()).isEqualTo("data");

    JsonNode got = result("0.3", "tasks/get", id(task.path("id").asText()));
    assertThat(got.path("history").path(0).path("role").asText()).isEqualTo("user");
    assertThat(errorCode("0.3", "tasks/cancel", id(task.path("id").asText()))).isEqualTo(-32002);

    JsonNode wrongVersion = rpc(null, "SendMessage", say("list workloads", null, null));
    assertThat(wrongVersion.path("error").path("code").asInt()).isEqualTo(-32601);
    assertThat(wrongVersion.path("error").path("message").asText()).contains("A2A-Version: 1.0");

    ObjectNode ps = Json.mapper().createObjectNode();
    ObjectNode ms = ps.putObject("message");
    ms.put("kind", "message").put("messageId", "m-03s").put("role", "user");
    ms.putArray("parts").addObject().put("kind", "text").put("text", "how is the cluster");
    List<JsonNode> events = stream("0.3", "message/stream", ps);
    assertThat(events.get(0).path("kind").asText()).isEqualTo("task");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.path("kind").asText()).isEqualTo("status-update");
    assertThat(last.path("final").asBoolean()).isTrue();
    assertThat(last.path("status").path("state").asText()).isEqualTo("completed");
  }

  // ---- errors

  @Test
  void everyProtocolErrorHasItsCodeAndAMessage() throws Exception {
    HttpResponse<String> notJson = post("1.0", "{not json", TOKEN);
    assertThat(notJson.statusCode()).isEqualTo(200);
    JsonNode parse = Json.mapper().readTree(notJson.body());
    assertThat(parse.path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(parse.path("id").isNull()).isTrue();

    JsonNode invalid = Json.mapper().readTree(post("1.0", "[1,2]", TOKEN).body());
    assertThat(invalid.path("error").path("code").asInt()).isEqualTo(-32600);
    JsonNode noVersion =
        Json.mapper().readTree(post("1.0", "{\"id\":3,\"method\":\"GetTask\"}", TOKEN).body());
    assertThat(noVersion.path("error").path("code").asInt()).isEqualTo(-32600);
    assertThat(noVersion.path("id").asInt()).isEqualTo(3);

    assertThat(errorCode("1.0", "NoSuchMethod", id("x"))).isEqualTo(-32601);
    assertThat(errorCode("1.0", "SendMessage", Json.mapper().createObjectNode())).isEqualTo(-32602);
    assertThat(errorCode("1.0", "GetTask", id("no-such-task"))).isEqualTo(-32001);
    assertThat(errorCode("1.0", "CancelTask", id("no-such-task"))).isEqualTo(-32001);
    assertThat(errorCode("2.0", "GetTask", id("x"))).isEqualTo(-32009);
    assertThat(errorCode("1.0", "CreateTaskPushNotificationConfig", id("x"))).isEqualTo(-32003);
    assertThat(errorCode("0.3", "tasks/pushNotificationConfig/get", id("x"))).isEqualTo(-32003);
    assertThat(
            rpc("1.0", "ListTaskPushNotificationConfigs", id("x"))
                .path("error")
                .path("message")
                .asText())
        .contains("--a2a-push-allowed-host");
    ObjectNode pushed = say("list workloads", null, null);
    pushed
        .putObject("configuration")
        .putObject("taskPushNotificationConfig")
        .put("url", "http://127.0.0.1:1/x");
    assertThat(errorCode("1.0", "SendMessage", pushed)).isEqualTo(-32003);

    ObjectNode file = say("list workloads", null, null);
    ((ArrayNode) file.path("message").path("parts")).addObject().put("url", "https://x/y.png");
    assertThat(errorCode("1.0", "SendMessage", file)).isEqualTo(-32005);

    ObjectNode many = say("list workloads", null, null);
    for (int i = 0; i < 8; i++) {
      ((ArrayNode) many.path("message").path("parts")).addObject().put("text", "and");
    }
    JsonNode tooMany = rpc("1.0", "SendMessage", many);
    assertThat(tooMany.path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(tooMany.path("error").path("message").asText()).contains("at most 8");

    JsonNode tooLong = rpc("1.0", "SendMessage", say("x".repeat(2001), null, null));
    assertThat(tooLong.path("error").path("message").asText()).contains("at most 2000");

    ObjectNode modes = say("list workloads", null, null);
    modes.putObject("configuration").putArray("acceptedOutputModes").add("image/png");
    assertThat(errorCode("1.0", "SendMessage", modes)).isEqualTo(-32005);

    ObjectNode agentRole = say("list workloads", null, null);
    ((ObjectNode) agentRole.path("message")).put("role", "ROLE_AGENT");
    assertThat(errorCode("1.0", "SendMessage", agentRole)).isEqualTo(-32602);
  }
}
