package dev.aino.bench.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.aino.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An MCP client on the JDK's HTTP client, the client of the REST row: it posts the JSON-RPC
 * messages of a Streamable HTTP client to {@code /mcp} (initialize, the initialized notification,
 * then each {@code tools/call} with the session's id) and parses each answer into maps and lists,
 * as {@link RestSurface} parses its bodies.
 *
 * <p>Why this is the row compared with REST: the two clients then do the same work (one HTTP
 * request, one parse), so the difference is what aino's MCP path and the protocol cost against its
 * REST routes. {@link McpSdkSurface} makes the same calls with the SDK's Java client, whose own
 * cost per call is its row over this one.
 */
final class McpJdkSurface implements Surface {
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /**
   * The protocol version this client asks for: the latest the SDK's client of this build offers.
   */
  private static final String PROTOCOL_VERSION = "2025-11-25";

  private final URI endpoint;
  private final String token;

  McpJdkSurface(URI base, String token) {
    this.endpoint = base.resolve("/mcp");
    this.token = token;
  }

  @Override
  public String name() {
    return "MCP";
  }

  @Override
  public JdkClientSession open() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<byte[]> init =
        post(
            http,
            null,
            message(
                1,
                "initialize",
                Map.of(
                    "protocolVersion",
                    PROTOCOL_VERSION,
                    "capabilities",
                    Map.of(),
                    "clientInfo",
                    Map.of("name", "aino-bench", "version", "1"))));
    String session =
        init.headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow(() -> new IllegalStateException("initialize answered no Mcp-Session-Id"));
    Map<String, Object> initialized = new LinkedHashMap<>();
    initialized.put("jsonrpc", "2.0");
    initialized.put("method", "notifications/initialized");
    post(http, session, initialized);
    return new JdkClientSession(http, session);
  }

  private static Map<String, Object> message(long id, String method, Map<String, Object> params) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    message.put("params", params);
    return message;
  }

  private HttpResponse<byte[]> post(HttpClient http, String session, Map<String, Object> message)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json, text/event-stream")
            .header("Content-Type", "application/json")
            .header("MCP-Protocol-Version", PROTOCOL_VERSION)
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(message)));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          message.get("method")
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    return response;
  }

  /** One initialized session over one HTTP client. */
  final class JdkClientSession implements Session {
    private final HttpClient http;
    private final String session;
    private long nextId = 2;

    private JdkClientSession(HttpClient http, String session) {
      this.http = http;
      this.session = session;
    }

    @Override
    public void call(Operation operation) throws Exception {
      HttpResponse<byte[]> response =
          post(
              http,
              session,
              message(
                  nextId++,
                  "tools/call",
                  Map.of("name", operation.tool(), "arguments", operation.arguments())));
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (!type.startsWith("application/json")) {
        throw new IllegalStateException(
            operation.tool() + " was answered as " + type + ", not as one JSON response");
      }
      Map<String, Object> answer = Json.mapper().readValue(response.body(), OBJECT);
      if (!(answer.get("result") instanceof Map<?, ?> result)
          || Boolean.TRUE.equals(result.get("isError"))) {
        throw new IllegalStateException(
            operation.tool() + " failed: " + new String(response.body(), StandardCharsets.UTF_8));
      }
    }

    @Override
    public void close() {
      try {
        http.send(
            HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (Exception e) {
        // The server ends an idle session by itself.
      }
    }
  }
}
