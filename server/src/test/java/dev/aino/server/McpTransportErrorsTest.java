package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import dev.aino.server.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What /mcp answers to requests the MCP SDK's client never sends, as raw HTTP: malformed JSON-RPC,
 * missing or unknown sessions, arguments that are not objects, no token. Each answer is a JSON-RPC
 * error object (or, for a missing token, the same 401 as every route), never a Java stack trace, an
 * HTML page or an empty event stream.
 */
class McpTransportErrorsTest {
  private static final String TOKEN = "mcp-transport-errors-token";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
  static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

  @TempDir static Path dataDir;
  private static AinoServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpRequest.Builder mcp(AinoServer server, String token, String session) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.baseUri().resolve("/mcp"))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json, text/event-stream");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return request;
  }

  static HttpResponse<String> post(AinoServer server, String token, String session, String body)
      throws Exception {
    return CLIENT.send(
        mcp(server, token, session)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> send(AinoServer server, String method, String token, String session)
      throws Exception {
    return CLIENT.send(
        mcp(server, token, session).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Initializes a session and returns its id. */
  static String initialize(AinoServer server, String token) throws Exception {
    HttpResponse<String> response = post(server, token, null, INITIALIZE);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpResponse<String> initialized =
        post(
            server,
            token,
            session,
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(initialized.statusCode()).isEqualTo(202);
    return session;
  }

  /** The JSON-RPC error of an answer, after checking it is one and carries no Java internals. */
  static JsonNode rpcError(HttpResponse<String> response) throws Exception {
    assertThat(response.body())
        .doesNotContain("stackTrace", "\tat ", "Exception", "<html", "&apos;");
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode body = Json.mapper().readTree(response.body());
    assertThat(body.path("jsonrpc").asText()).as(response.body()).isEqualTo("2.0");
    assertThat(body.has("id")).as(response.body()).isTrue();
    assertThat(body.path("error").path("message").asText()).isNotBlank();
    return body.path("error");
  }

  @Test
  void malformedMessagesAreJsonRpcErrors() throws Exception {
    HttpResponse<String> notJson = post(server, TOKEN, null, "{\"jsonrpc\": \"2.0\", \"id\": ");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(rpcError(notJson).path("code").asInt()).isEqualTo(-32700);

    for (String body :
        List.of(
            "[]",
            "42",
            "{\"foo\":1}",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
            "{}")) {
      HttpResponse<String> response = post(server, TOKEN, null, body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(rpcError(response).path("code").asInt()).as(body).isEqualTo(-32600);
    }
  }

  @Test
  void whatTheTransportItselfRefusesIsAJsonRpcErrorToo() throws Exception {
    HttpResponse<String> noAccept =
        CLIENT.send(
            HttpRequest.newBuilder(server.baseUri().resolve("/mcp"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noAccept.statusCode()).isEqualTo(400);
    assertThat(rpcError(noAccept).path("message").asText()).contains("Accept");

    HttpResponse<String> yaml =
        CLIENT.send(
            mcp(server, TOKEN, null)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(yaml.statusCode()).isEqualTo(415);
    assertThat(rpcError(yaml).path("message").asText()).contains("application/json");

    HttpResponse<String> put = send(server, "PUT", TOKEN, null);
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(rpcError(put).path("message").asText()).contains("POST");
  }

  @Test
  void aMissingOrUnknownSessionIsAJsonRpcError() throws Exception {
    String ping = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}";
    HttpResponse<String> noSession = post(server, TOKEN, null, ping);
    assertThat(noSession.statusCode()).isEqualTo(400);
    JsonNode error = rpcError(noSession);
    assertThat(error.path("message").asText()).contains("Mcp-Session-Id");
    assertThat(Json.mapper().readTree(noSession.body()).path("id").asInt()).isEqualTo(7);

    HttpResponse<String> unknown = post(server, TOKEN, "no-such-session", ping);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(rpcError(unknown).path("code").asInt()).isEqualTo(-32001);

    for (String method : List.of("GET", "DELETE")) {
      HttpResponse<String> without = send(server, method, TOKEN, null);
      assertThat(without.statusCode()).as(method).isEqualTo(400);
      assertThat(rpcError(without).path("message").asText()).contains("Mcp-Session-Id");

      HttpResponse<String> unknownSession = send(server, method, TOKEN, "no-such-session");
      assertThat(unknownSession.statusCode()).as(method).isEqualTo(404);
      assertThat(rpcError(unknownSession).path("code").asInt()).isEqualTo(-32001);
    }
  }

  @Test
  void aKeyGivenTwiceIsAParseErrorNotTheLastValueSilently() throws Exception {
    String session = initialize(server, TOKEN);
    String call =
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
            + "\"scale_workload\",\"arguments\":{\"name\":\"a\",\"replicas\":1,\"replicas\":9}}}";
    HttpResponse<String> response = post(server, TOKEN, session, call);
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = rpcError(response);
    assertThat(error.path("code").asInt()).isEqualTo(-32700);
    assertThat(error.path("message").asText()).contains("Duplicate field 'replicas'");
  }

  @Test
  void toolArgumentsOrParamsThatAreNotObjectsAreInvalidParams() throws Exception {
    String session = initialize(server, TOKEN);
    Map<String, String> cases =
        Map.of(
            "\"web\"", "a string",
            "5", "a number",
            "[1,2]", "an array",
            "true", "a boolean");
    int id = 100;
    for (Map.Entry<String, String> c : cases.entrySet()) {
      id++;
      String call =
          "{\"jsonrpc\":\"2.0\",\"id\":"
              + id
              + ",\"method\":\"tools/call\",\"params\":{\"name\":\"list_workloads\","
              + "\"arguments\":"
              + c.getKey()
              + "}}";
      HttpResponse<String> response = post(server, TOKEN, session, call);
      assertThat(response.statusCode()).as(c.getKey()).isEqualTo(200);
      JsonNode error = rpcError(response);
      assertThat(error.path("code").asInt()).isEqualTo(-32602);
      assertThat(error.path("message").asText())
          .contains("params.arguments", "must be an object", c.getValue());
      assertThat(Json.mapper().readTree(response.body()).path("id").asInt()).isEqualTo(id);
    }
    for (String params : List.of("\"x\"", "[]", "7")) {
      String call =
          "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"tools/call\",\"params\":" + params + "}";
      HttpResponse<String> response = post(server, TOKEN, session, call);
      assertThat(response.statusCode()).as(params).isEqualTo(200);
      JsonNode error = rpcError(response);
      assertThat(error.path("code").asInt()).isEqualTo(-32602);
      assertThat(error.path("message").asText()).contains("\"params\" must be an object");
    }
    HttpResponse<String> readParams =
        post(
            server,
            TOKEN,
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"resources/read\",\"params\":\"x\"}");
    assertThat(rpcError(readParams).path("code").asInt()).isEqualTo(-32602);

    HttpResponse<String> noName =
        post(
            server,
            TOKEN,
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":5}}");
    assertThat(rpcError(noName).path("message").asText()).contains("params.name");

    HttpResponse<String> fine =
        post(
            server,
            TOKEN,
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"list_workloads\",\"arguments\":{}}}");
    assertThat(fine.statusCode()).isEqualTo(200);
    assertThat(fine.body()).contains("\"id\":4", "\"result\"");
  }

  /**
   * A read asks nothing of the client before its result, so it is answered as one JSON response; a
   * change (it logs to the client) and a read that asks for progress keep the event stream.
   */
  @Test
  void aReadIsAnsweredAsOneJsonResponseAndTheRestAsAnEventStream() throws Exception {
    String session = initialize(server, TOKEN);
    HttpResponse<String> read =
        post(
            server,
            TOKEN,
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"list_workloads\",\"arguments\":{\"limit\":5}}}");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode answer = Json.mapper().readTree(read.body());
    assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(answer.path("id").asText()).isEqualTo("r1");
    assertThat(answer.path("result").path("isError").asBoolean()).isFalse();
    assertThat(answer.path("result").path("structuredContent").has("items")).isTrue();
    assertThat(answer.path("result").path("content").path(0).path("type").asText())
        .isEqualTo("text");

    // The read's bad argument is a tool error naming the field, as on the SDK's path.
    HttpResponse<String> badArgument =
        post(
            server,
            TOKEN,
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"list_workloads\",\"arguments\":{\"limit\":\"five\"}}}");
    assertThat(badArgument.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode refused = Json.mapper().readTree(badArgument.body());
    assertThat(refused.path("id").asInt()).isEqualTo(2);
    assertThat(refused.path("result").path("isError").asBoolean()).isTrue();
    assertThat(refused.path("result").path("content").path(0).path("text").asText())
        .contains("limit");

    HttpResponse<String> withProgress =
        post(
            server,
            TOKEN,
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"list_workloads\",\"arguments\":{},"
                + "\"_meta\":{\"progressToken\":\"p\"}}}");
    assertThat(withProgress.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(withProgress.body()).contains("data:", "\"id\":3", "\"result\"");

    HttpResponse<String> change =
        post(
            server,
            TOKEN,
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"scale_workload\",\"arguments\":{\"name\":\"none-such\","
                + "\"replicas\":1}}}");
    assertThat(change.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(change.body()).contains("\"id\":4", "\"isError\":true");
  }

  @Test
  void theUnauthenticatedAnswerIsTheSameOnMcpAsOnEveryRoute() throws Exception {
    HttpResponse<String> rest =
        CLIENT.send(
            HttpRequest.newBuilder(server.baseUri().resolve("/api/v1/workloads")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> get = send(server, "GET", null, null);
    HttpResponse<String> post = post(server, null, null, INITIALIZE);
    HttpResponse<String> wrong = post(server, "not-the-token", null, INITIALIZE);
    for (HttpResponse<String> response : List.of(rest, get, post, wrong)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"aino\"");
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/json");
      JsonNode error = Json.mapper().readTree(response.body()).path("error");
      assertThat(error.path("code").asText()).isEqualTo("UNAUTHENTICATED");
    }
    assertThat(get.body()).isEqualTo(rest.body());
    assertThat(post.body()).isEqualTo(rest.body());
  }
}
