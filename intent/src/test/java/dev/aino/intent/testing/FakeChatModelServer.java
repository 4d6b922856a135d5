package dev.aino.intent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.aino.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenAI-compatible chat model on a free loopback port: {@code POST /v1/chat/completions}
 * answers scripted replies (a text or tool calls) and records every request and its {@code
 * Authorization} header, so a test can check what the model was shown and what it was told.
 *
 * <p>Replies queued with {@link #enqueue(Reply)} are answered in order, one per request; once the
 * queue is empty every request gets the {@linkplain #answer(int, String) standing answer}.
 */
public final class FakeChatModelServer implements AutoCloseable {
  /** The model name the fake reports in its answers. */
  public static final String MODEL = "fake-model";

  private final HttpServer server;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger toolCallIds = new AtomicInteger();
  private volatile Reply standing = Reply.text("{}");
  private volatile int status = 200;

  /** One answer of the model: a text, or tool calls the client is to run. */
  public record Reply(String content, List<ToolCall> toolCalls) {
    public Reply {
      toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
      if ((content == null) == toolCalls.isEmpty()) {
        throw new IllegalArgumentException("a reply is either a text or tool calls");
      }
    }

    /** The assistant answers {@code content}. */
    public static Reply text(String content) {
      return new Reply(Objects.requireNonNull(content, "content"), List.of());
    }

    /** The assistant asks the client to call {@code tool} with {@code argumentsJson}. */
    public static Reply toolCall(String tool, String argumentsJson) {
      return new Reply(null, List.of(new ToolCall(tool, argumentsJson)));
    }
  }

  /** A function call as OpenAI's API carries it: the arguments are a JSON text. */
  public record ToolCall(String name, String argumentsJson) {
    public ToolCall {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(argumentsJson, "argumentsJson");
    }
  }

  private FakeChatModelServer(HttpServer server) {
    this.server = server;
  }

  /** Starts the fake on a free loopback port. */
  public static FakeChatModelServer start() {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FakeChatModelServer fake = new FakeChatModelServer(http);
    http.createContext(
        "/v1/chat/completions",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          fake.requests.add(Json.mapper().readTree(body));
          fake.authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          Reply next = fake.script.poll();
          byte[] answer =
              fake.completion(next == null ? fake.standing : next).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(fake.status, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    http.start();
    return fake;
  }

  /** The base URL an OpenAI client is configured with, e.g. {@code http://127.0.0.1:PORT/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /**
   * Every later request that finds the script empty is answered {@code content} with {@code
   * status}.
   */
  public void answer(int status, String content) {
    this.standing = Reply.text(content);
    this.status = status;
  }

  /** Queues a reply for the next request that finds the ones queued before it answered. */
  public void enqueue(Reply reply) {
    script.add(Objects.requireNonNull(reply, "reply"));
  }

  /** The request bodies received so far, in order. */
  public List<JsonNode> requests() {
    return new ArrayList<>(requests);
  }

  /** The {@code Authorization} header of each request so far (null where there was none). */
  public List<String> authorizations() {
    return new ArrayList<>(authorizations);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private String completion(Reply reply) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("id", "chatcmpl-" + requests.size()).put("object", "chat.completion");
    root.put("created", 1).put("model", MODEL);
    ObjectNode choice = root.putArray("choices").addObject();
    choice
        .put("index", 0)
        .put("finish_reason", reply.toolCalls().isEmpty() ? "stop" : "tool_calls");
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (reply.content() != null) {
      message.put("content", reply.content());
    } else {
      message.putNull("content");
      ArrayNode calls = message.putArray("tool_calls");
      for (ToolCall call : reply.toolCalls()) {
        ObjectNode c = calls.addObject();
        c.put("id", "call_" + toolCallIds.incrementAndGet()).put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
      }
    }
    root.putObject("usage")
        .put("prompt_tokens", 10)
        .put("completion_tokens", 5)
        .put("total_tokens", 15);
    return root.toString();
  }
}
