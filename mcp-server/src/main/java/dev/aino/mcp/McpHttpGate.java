package dev.aino.mcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.Caller;
import dev.aino.api.Surface;
import dev.aino.error.AinoException;
import dev.aino.json.Json;
import dev.aino.mcp.tools.DirectReads;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Stands in front of the MCP SDK's Streamable HTTP servlet at {@code /mcp} and answers, itself and
 * always as a JSON-RPC error object, what the SDK would answer with a stack trace, an error page or
 * an empty event stream:
 *
 * <ul>
 *   <li>a body that is not JSON ({@code -32700}), not one JSON-RPC message ({@code -32600}), or a
 *       request whose {@code params}, or the {@code arguments} of {@code tools/call}, is not an
 *       object ({@code -32602}, naming the field);
 *   <li>a request without {@code Mcp-Session-Id} (400) or with one that names no live session (404,
 *       {@code -32001}: the client initializes again);
 *   <li>an {@code initialize} beyond {@link McpOptions#maxSessionsPerToken()} sessions of one token
 *       (429); sessions end after {@link McpOptions#sessionIdleTimeout()} without requests and
 *       without an open stream.
 * </ul>
 *
 * Whatever else the SDK refuses with {@code sendError} reaches the client as a JSON-RPC error too.
 *
 * <p>A {@code tools/call} of a listed read-only tool that asks for no progress is answered here, as
 * one {@code application/json} response ({@link DirectReads} says why); every other message goes to
 * the SDK.
 */
final class McpHttpGate extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** The largest message accepted; MCP requests are small, tool arguments a manifest at most. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  static final String SESSION_HEADER = "Mcp-Session-Id";

  private final transient HttpServlet transport;
  private final int maxSessionsPerToken;
  private final long idleNanos;
  private final String idleText;
  private final transient LongSupplier clock;
  private final transient DirectReads directReads;
  private final transient McpAuthenticator authenticator;
  private final transient ServerTransportSecurityValidator securityValidator;
  private final transient McpJsonMapper jsonMapper;

  /** Live sessions by id; an entry is removed on DELETE or when found idle. */
  private final transient Map<String, Session> sessions = new ConcurrentHashMap<>();

  /** Initializations in flight, by owner; guarded by {@code this}. */
  private final transient Map<String, Integer> starting = new HashMap<>();

  /** One session: whose it is, when it last served a request, how many streams it has open. */
  private static final class Session {
    final String owner;
    final AtomicInteger openStreams = new AtomicInteger();
    volatile long lastUsed;

    Session(String owner, long now) {
      this.owner = owner;
      this.lastUsed = now;
    }
  }

  /** A gate that passes every message to the SDK's {@code transport}. */
  McpHttpGate(HttpServlet transport, McpOptions options) {
    this(
        transport,
        options,
        System::nanoTime,
        DirectReads.NONE,
        McpAuthenticator.NONE,
        headers -> {},
        null);
  }

  /**
   * A gate that answers calls of {@code directReads} itself, as the caller {@code authenticator}
   * finds in the request, once {@code securityValidator} (the transport's) passed its headers;
   * encoded by {@code jsonMapper} (the SDK's, so they read as its answers).
   */
  McpHttpGate(
      HttpServlet transport,
      McpOptions options,
      DirectReads directReads,
      McpAuthenticator authenticator,
      ServerTransportSecurityValidator securityValidator,
      McpJsonMapper jsonMapper) {
    this(
        transport,
        options,
        System::nanoTime,
        directReads,
        authenticator,
        securityValidator,
        jsonMapper);
  }

  McpHttpGate(
      HttpServlet transport,
      McpOptions options,
      LongSupplier clock,
      DirectReads directReads,
      McpAuthenticator authenticator,
      ServerTransportSecurityValidator securityValidator,
      McpJsonMapper jsonMapper) {
    this.transport = transport;
    this.maxSessionsPerToken = options.maxSessionsPerToken();
    this.idleNanos = options.sessionIdleTimeout().toNanos();
    this.idleText = text(options.sessionIdleTimeout());
    this.clock = clock;
    this.directReads = directReads;
    this.authenticator = authenticator;
    this.securityValidator = securityValidator;
    this.jsonMapper = jsonMapper;
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    transport.init(config);
  }

  @Override
  public void destroy() {
    transport.destroy();
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse raw)
      throws ServletException, IOException {
    HttpServletResponse response = new ErrorsAsJsonRpc(raw);
    switch (request.getMethod()) {
      case "POST":
        post(request, response);
        break;
      case "GET":
      case "DELETE":
        withSession(request, response);
        break;
      default:
        JsonRpcErrors.send(
            response,
            405,
            null,
            JsonRpcErrors.BAD_REQUEST,
            request.getMethod()
                + " is not an MCP method of "
                + AinoMcpServer.PATH
                + ": POST a JSON-RPC message, GET a session's stream, DELETE a session");
    }
  }

  private void post(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    byte[] body = readBody(request);
    if (body == null) {
      JsonRpcErrors.send(
          response,
          413,
          null,
          JsonRpcErrors.INVALID_REQUEST,
          "Invalid Request: the body is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
      return;
    }
    JsonNode message;
    try {
      // A key given twice would otherwise mean its last value, silently.
      message =
          Json.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(body);
    } catch (JsonProcessingException e) {
      JsonRpcErrors.send(
          response,
          400,
          null,
          JsonRpcErrors.PARSE_ERROR,
          "Parse error: the body is not JSON: " + e.getOriginalMessage());
      return;
    }
    JsonRpcMessages.Refusal refusal = JsonRpcMessages.check(message);
    if (refusal != null) {
      // A well-formed request with bad params is answered like any JSON-RPC error, with 200.
      int status =
          refusal.code() == JsonRpcErrors.INVALID_PARAMS && refusal.id() != null ? 200 : 400;
      JsonRpcErrors.send(response, status, refusal.id(), refusal.code(), refusal.message());
      return;
    }
    HttpServletRequest replay = new Replay(request, body);
    if ("tools/call".equals(message.path("method").asText(null))) {
      // For whoever observes requests around this servlet (metrics by tool).
      request.setAttribute(
          AinoMcpServer.TOOL_CALL_ATTRIBUTE, message.path("params").path("name").asText(""));
    }
    if (!"initialize".equals(message.path("method").asText(null))) {
      Session session = session(request, response, message.get("id"));
      if (session == null) {
        return;
      }
      Caller caller = directCaller(request, message);
      if (caller != null) {
        answerDirectly(message, caller, response);
        session.lastUsed = clock.getAsLong();
      } else {
        forward(replay, response, session);
      }
      return;
    }
    String owner = owner(request);
    if (!reserve(owner)) {
      JsonRpcErrors.send(
          response,
          429,
          message.get("id"),
          JsonRpcErrors.BAD_REQUEST,
          "too many MCP sessions: this token already holds "
              + maxSessionsPerToken
              + ", the most --mcp-max-sessions allows; end one (DELETE "
              + AinoMcpServer.PATH
              + " with its Mcp-Session-Id) or wait until one has been idle for "
              + idleText
              + " (--mcp-session-idle-timeout)");
      return;
    }
    SessionStart start = new SessionStart(response, owner);
    try {
      transport.service(replay, start);
      if (start.id != null && response.getStatus() >= 300) {
        sessions.remove(start.id);
      }
    } finally {
      start.release();
    }
  }

  /**
   * The caller of a {@code tools/call} that {@link #answerDirectly} answers: a read of {@link
   * #directReads} that asks for no progress (progress needs the event stream), from a client that
   * accepts JSON and whose credentials authenticate. Null when the SDK answers it.
   */
  private Caller directCaller(HttpServletRequest request, JsonNode message) {
    JsonNode params = message.path("params");
    if (!"tools/call".equals(message.path("method").asText(null))
        || rpcId(message.get("id")) == null
        || !directReads.answers(params.path("name").asText(""))
        || params.path("_meta").has("progressToken")) {
      return null;
    }
    String accept = request.getHeader("Accept");
    if (accept == null || !accept.contains("application/json")) {
      return null;
    }
    // The checks the transport makes of every request (Host, Origin, token), as it makes them.
    Map<String, List<String>> headers = new HashMap<>();
    for (String name : SECURITY_HEADERS) {
      String value = request.getHeader(name);
      if (value != null) {
        headers.put(name, List.of(value));
      }
    }
    try {
      securityValidator.validateHeaders(headers);
      return authenticator.authenticate(request.getHeader("Authorization")).via(Surface.MCP);
    } catch (ServerTransportSecurityException | AinoException e) {
      // The SDK's path refuses it, with the status and message it gives every such request.
      return null;
    }
  }

  /** The headers the transport's security validator reads. */
  private static final List<String> SECURITY_HEADERS = List.of("Host", "Origin", "Authorization");

  /**
   * A request's id as the SDK's messages hold it (a string, an int or a long), or null when it has
   * none or a larger integer, which the SDK's path answers.
   */
  private static Object rpcId(JsonNode id) {
    if (id == null) {
      return null;
    }
    if (id.isTextual()) {
      return id.asText();
    }
    if (id.canConvertToInt()) {
      return id.intValue();
    }
    return id.canConvertToLong() ? id.longValue() : null;
  }

  /** Calls the read and writes its result as one JSON-RPC response, encoded once, to bytes. */
  private void answerDirectly(JsonNode message, Caller caller, HttpServletResponse response)
      throws IOException {
    JsonNode params = message.get("params");
    McpSchema.CallToolResult result =
        directReads.call(params.get("name").asText(), caller, params.get("arguments"));
    byte[] body =
        jsonMapper.writeValueAsBytes(
            McpSchema.JSONRPCResponse.result(rpcId(message.get("id")), result));
    response.setStatus(200);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * The response to an {@code initialize}, which registers the session the moment the transport
   * sets its id: the transport flushes its answer before it returns, and a client sends its next
   * request (the {@code initialized} notification, the event stream) as soon as it reads the id,
   * which must then find the session live.
   */
  private final class SessionStart extends HttpServletResponseWrapper {
    private final String owner;
    private String id;
    private boolean released;

    SessionStart(HttpServletResponse response, String owner) {
      super(response);
      this.owner = owner;
    }

    @Override
    public void setHeader(String name, String value) {
      started(name, value);
      super.setHeader(name, value);
    }

    @Override
    public void addHeader(String name, String value) {
      started(name, value);
      super.addHeader(name, value);
    }

    private void started(String name, String value) {
      if (SESSION_HEADER.equalsIgnoreCase(name) && value != null && id == null) {
        id = value;
        synchronized (McpHttpGate.this) {
          sessions.put(value, new Session(owner, clock.getAsLong()));
          release();
        }
      }
    }

    /** Gives back the reserved slot once: the session now holds it, or the start failed. */
    void release() {
      synchronized (McpHttpGate.this) {
        if (!released) {
          released = true;
          McpHttpGate.this.release(owner);
        }
      }
    }
  }

  private void withSession(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Session session = session(request, response, null);
    if (session == null) {
      return;
    }
    if (request.getMethod().equals("DELETE")) {
      transport.service(request, response);
      if (response.getStatus() < 300) {
        sessions.remove(request.getHeader(SESSION_HEADER), session);
      }
      return;
    }
    forward(request, response, session);
  }

  /**
   * Passes a request of a live session to the transport. A stream it leaves open (a GET, or a
   * request answered as events) keeps the session from idling out until it closes.
   */
  private void forward(HttpServletRequest request, HttpServletResponse response, Session session)
      throws ServletException, IOException {
    session.openStreams.incrementAndGet();
    boolean async = false;
    try {
      transport.service(request, response);
      if (request.isAsyncStarted()) {
        try {
          request.getAsyncContext().addListener(new StreamEnd(session));
          async = true;
        } catch (IllegalStateException e) {
          // The stream completed already.
        }
      }
    } finally {
      if (!async) {
        end(session);
      }
    }
  }

  private void end(Session session) {
    session.lastUsed = clock.getAsLong();
    session.openStreams.decrementAndGet();
  }

  /** Ends a session's stream when its response completes, however it ends. */
  private final class StreamEnd implements AsyncListener {
    private final Session session;
    private boolean ended;

    StreamEnd(Session session) {
      this.session = session;
    }

    private synchronized void once() {
      if (!ended) {
        ended = true;
        end(session);
      }
    }

    @Override
    public void onComplete(AsyncEvent event) {
      once();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      once();
    }

    @Override
    public void onError(AsyncEvent event) {
      once();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // Still the same stream.
    }
  }

  /**
   * The live session the request names, touched; or null after answering 400 (no header) or 404
   * (unknown or idle too long).
   */
  private Session session(HttpServletRequest request, HttpServletResponse response, JsonNode id)
      throws IOException {
    String sessionId = request.getHeader(SESSION_HEADER);
    if (sessionId == null || sessionId.isBlank()) {
      JsonRpcErrors.send(
          response,
          400,
          id,
          JsonRpcErrors.BAD_REQUEST,
          "Bad Request: the Mcp-Session-Id header is missing; send the id that the answer to"
              + " initialize carried, or initialize first");
      return null;
    }
    Session session = sessions.get(sessionId);
    long now = clock.getAsLong();
    if (session != null && idle(session, now)) {
      sessions.remove(sessionId, session);
      session = null;
    }
    if (session == null || !session.owner.equals(owner(request))) {
      JsonRpcErrors.send(
          response,
          404,
          id,
          JsonRpcErrors.SESSION_NOT_FOUND,
          "Session not found: the Mcp-Session-Id names no live session (sessions end on DELETE"
              + " and after "
              + idleText
              + " without requests); initialize a new one");
      return null;
    }
    session.lastUsed = now;
    return session;
  }

  private boolean idle(Session session, long now) {
    return session.openStreams.get() == 0 && now - session.lastUsed > idleNanos;
  }

  /** Takes a session slot for {@code owner} if it has one free, first dropping idle sessions. */
  private synchronized boolean reserve(String owner) {
    long now = clock.getAsLong();
    sessions.entrySet().removeIf(e -> idle(e.getValue(), now));
    long held = sessions.values().stream().filter(s -> s.owner.equals(owner)).count();
    int pending = starting.getOrDefault(owner, 0);
    if (held + pending >= maxSessionsPerToken) {
      return false;
    }
    starting.merge(owner, 1, Integer::sum);
    return true;
  }

  private synchronized void release(String owner) {
    starting.computeIfPresent(owner, (k, n) -> n <= 1 ? null : n - 1);
  }

  /**
   * Whose session a request may use: the credentials it presented (the host server has checked
   * them), or everyone's when it presented none. Kept only in memory, to count and match sessions.
   */
  private static String owner(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    return authorization == null ? "" : authorization;
  }

  /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
  private static byte[] readBody(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      return null;
    }
    InputStream in = request.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      if (out.size() > MAX_BODY_BYTES) {
        return null;
      }
    }
    return out.toByteArray();
  }

  private static String text(Duration d) {
    long s = d.toSeconds();
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** The request with its body, already read here, served again to the transport. */
  private static final class Replay extends HttpServletRequestWrapper {
    private final byte[] body;

    Replay(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body was read already; read it blocking");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }
  }

  /** Turns the transport's {@code sendError} (an HTML or Jetty JSON page) into a JSON-RPC error. */
  private static final class ErrorsAsJsonRpc extends HttpServletResponseWrapper {
    ErrorsAsJsonRpc(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
      sendError(status, null);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      if (isCommitted()) {
        // An event stream already began; it can only end.
        return;
      }
      int code = status == 404 ? JsonRpcErrors.SESSION_NOT_FOUND : JsonRpcErrors.BAD_REQUEST;
      String text =
          message != null && !message.isBlank()
              ? message
              : status == 404
                  ? "Session not found: the Mcp-Session-Id names no live session; initialize a new"
                      + " one"
                  : "MCP request refused with HTTP status " + status;
      resetBuffer();
      JsonRpcErrors.send((HttpServletResponse) getResponse(), status, null, code, text);
    }
  }
}
