package dev.aino.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.json.Json;
import dev.aino.mcp.tools.Toolset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays MCP between stdio (one JSON-RPC message per line) and a running aino's Streamable HTTP
 * endpoint, so that stdio-only clients reach a shared server ({@code aino mcp --server URL}). Each
 * message is POSTed on its own thread, because a long call's response stream may carry a request
 * (elicitation) whose answer is the next line on stdin. After initialization a GET stream carries
 * what the server sends unprompted (resource updates). HTTP failures become JSON-RPC errors.
 */
public final class StdioHttpRelay {
  private static final Logger LOG = LoggerFactory.getLogger(StdioHttpRelay.class);
  private static final String SESSION = "Mcp-Session-Id";
  private static final String VERSION = "MCP-Protocol-Version";

  private final URI endpoint;
  private final String token;
  private final RelayedToolsets toolsets;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper mapper = Json.mapper();
  private final ExecutorService posts =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "mcp-relay");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean listening = new AtomicBoolean();
  private volatile String sessionId;
  private volatile String protocolVersion;
  private PrintStream out;

  /**
   * @param endpoint the server's MCP endpoint, e.g. {@code http://127.0.0.1:7070/mcp}
   * @param token the bearer token, or null
   */
  public StdioHttpRelay(URI endpoint, String token) {
    this(endpoint, token, Toolset.all());
  }

  /**
   * @param endpoint the server's MCP endpoint, e.g. {@code http://127.0.0.1:7070/mcp}
   * @param token the bearer token, or null
   * @param toolsets the toolsets whose tools the relay lists
   */
  public StdioHttpRelay(URI endpoint, String token, Set<Toolset> toolsets) {
    this.endpoint = endpoint;
    this.token = token == null || token.isEmpty() ? null : token;
    this.toolsets = new RelayedToolsets(toolsets);
  }

  /** Relays until {@code in} ends, then closes the session. */
  public void run(InputStream in, OutputStream stdout) throws IOException {
    this.out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String message = line;
        if (isNotification(message)) {
          // Posted before the next line is read: "notifications/initialized" must reach the
          // server before the requests that follow it. Notifications are answered at once (202).
          post(message);
        } else {
          posts.execute(() -> post(message));
        }
      }
    } finally {
      closeSession();
      posts.shutdownNow();
    }
  }

  /** A message with a method and no id: nothing answers it, so nothing can wait on it. */
  private boolean isNotification(String message) {
    try {
      JsonNode json = mapper.readTree(message);
      return json.has("method") && !json.has("id");
    } catch (IOException e) {
      return false;
    }
  }

  private void post(String message) {
    JsonNode id = null;
    try {
      JsonNode json = mapper.readTree(message);
      id = json.get("id");
      String hiddenTool = toolsets.hiddenToolCalled(json);
      if (hiddenTool != null) {
        emit(toolsets.refusal(id, hiddenTool, mapper.createObjectNode()).toString());
        return;
      }
      HttpResponse<Stream<String>> response =
          http.send(
              request()
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json, text/event-stream")
                  .POST(HttpRequest.BodyPublishers.ofString(message))
                  .build(),
              HttpResponse.BodyHandlers.ofLines());
      response.headers().firstValue(SESSION).ifPresent(s -> sessionId = s);
      if (response.statusCode() >= 400) {
        String body = String.join(" ", response.body().toList());
        fail(id, response.statusCode(), body);
        return;
      }
      String method = json.path("method").asText();
      relay(response, "initialize".equals(method), "tools/list".equals(method));
    } catch (IOException e) {
      fail(id, 0, "cannot reach aino at " + endpoint + ": " + reason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes each message of a JSON or SSE response to stdout. */
  private void relay(HttpResponse<Stream<String>> response, boolean initialize, boolean toolList) {
    Optional<String> type = response.headers().firstValue("Content-Type");
    boolean sse = type.map(t -> t.startsWith("text/event-stream")).orElse(false);
    response
        .body()
        .forEach(
            line -> {
              String payload =
                  sse ? (line.startsWith("data:") ? line.substring(5).trim() : null) : line;
              if (payload != null && !payload.isEmpty()) {
                if (initialize) {
                  rememberVersion(payload);
                }
                emit(toolList ? listedTools(payload) : payload);
              }
            });
    if (initialize && sessionId != null && listening.compareAndSet(false, true)) {
      posts.execute(this::listen);
    }
  }

  /** A {@code tools/list} answer less the tools of toolsets this relay does not list. */
  private String listedTools(String payload) {
    if (toolsets.listsAll()) {
      return payload;
    }
    try {
      JsonNode response = mapper.readTree(payload);
      toolsets.filterToolList(response);
      return response.toString();
    } catch (IOException e) {
      LOG.debug("tools/list answer is not JSON: {}", e.toString());
      return payload;
    }
  }

  private void rememberVersion(String payload) {
    try {
      JsonNode v = mapper.readTree(payload).path("result").path("protocolVersion");
      if (v.isTextual()) {
        protocolVersion = v.asText();
      }
    } catch (IOException e) {
      LOG.debug("initialize result is not JSON: {}", e.toString());
    }
  }

  /** The GET stream of server-initiated messages. */
  private void listen() {
    try {
      HttpResponse<Stream<String>> response =
          http.send(
              request().header("Accept", "text/event-stream").GET().build(),
              HttpResponse.BodyHandlers.ofLines());
      if (response.statusCode() == 200) {
        relay(response, false, false);
      } else {
        LOG.debug("no server stream: HTTP {}", response.statusCode());
      }
    } catch (IOException e) {
      LOG.debug("server stream ended: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpRequest.Builder request() {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (sessionId != null) {
      b.header(SESSION, sessionId);
    }
    if (protocolVersion != null) {
      b.header(VERSION, protocolVersion);
    }
    return b;
  }

  private void closeSession() {
    if (sessionId == null) {
      return;
    }
    try {
      http.send(request().DELETE().build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      LOG.debug("could not close the session: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Why a connection failed, in words: the JDK's HTTP client often throws a {@code
   * ConnectException} without a message, its reason is then in a cause.
   */
  private static String reason(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e instanceof java.net.ConnectException
        ? "connection refused (is aino running there?)"
        : e.getClass().getSimpleName();
  }

  /** Answers a request the server could not take with a JSON-RPC error that says why. */
  private void fail(JsonNode id, int status, String detail) {
    String message =
        status == 401
            ? "aino refused the token: set AINO_TOKEN to the server's token"
            : status == 0 ? detail : "aino answered HTTP " + status + ": " + detail;
    LOG.warn("{}", message);
    if (id == null || id.isNull()) {
      return;
    }
    ObjectNode error = mapper.createObjectNode();
    error.put("jsonrpc", "2.0");
    error.set("id", id);
    error.putObject("error").put("code", -32603).put("message", message);
    emit(error.toString());
  }

  private void emit(String line) {
    synchronized (out) {
      out.println(line);
    }
  }
}
