package dev.aino.server.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.ApplyOutcome;
import dev.aino.api.ApplyResult;
import dev.aino.api.ChangeOptions;
import dev.aino.api.ClusterSummary;
import dev.aino.api.DrainResult;
import dev.aino.api.InstanceLogs;
import dev.aino.api.InstanceUsage;
import dev.aino.api.NodeSummary;
import dev.aino.api.Page;
import dev.aino.api.PlanResult;
import dev.aino.api.Surface;
import dev.aino.api.WorkloadStatus;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.UnavailableException;
import dev.aino.intent.IntentRequest;
import dev.aino.intent.IntentResult;
import dev.aino.json.Json;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.Workload;
import dev.aino.runtime.LogQuery;
import dev.aino.server.http.ErrorBody;
import dev.aino.server.http.RequestCallers;
import dev.aino.server.rest.RestApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to a running aino server's REST API v1. Every failure is an {@link AinoException} whose
 * message is one line for the user: the server's own message for an error it answered, or {@code
 * cannot reach aino at URL: ...} when there was no answer.
 */
public final class AinoClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI server;
  private final String token;
  private final HttpClient http;
  private final Surface surface;

  /**
   * @param server the server's base URL, e.g. {@code http://127.0.0.1:7070}
   * @param token the bearer token to send, or null to send none
   */
  public AinoClient(URI server, String token) {
    this(server, token, Surface.REST);
  }

  /**
   * A client whose requests say they come through {@code surface} ({@link Surface#CLI} for the
   * {@code aino} command line), so that the events they cause name it.
   */
  public AinoClient(URI server, String token, Surface surface) {
    this.server = server;
    this.token = token;
    this.surface = surface;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /** Creates or updates the workload a manifest describes. */
  public ApplyResult apply(JsonNode manifest) {
    return apply(manifest, ChangeOptions.NONE);
  }

  /**
   * As {@link #apply(JsonNode)}, forced, or naming the manager and ownership to record ({@code
   * ?force=true&manager=NAME&ownership=strict}); the precondition goes in the manifest.
   */
  public ApplyResult apply(JsonNode manifest, ChangeOptions options) {
    Map<String, String> query = new LinkedHashMap<>();
    if (options.force()) {
      query.put("force", "true");
    }
    putIfPresent(query, "manager", options.manager());
    if (options.ownership() != null) {
      query.put("ownership", options.ownership().name().toLowerCase(java.util.Locale.ROOT));
    }
    HttpResponse<byte[]> response =
        send("POST", "/workloads" + queryString(query), Json.encode(manifest));
    String outcome = response.headers().firstValue(ApplyOutcome.HEADER).orElse(null);
    if (outcome == null) {
      throw new AinoException(
          ErrorCode.INTERNAL,
          "the server at "
              + server
              + " applied but did not say what (no "
              + ApplyOutcome.HEADER
              + " header); is it an aino server?");
    }
    return new ApplyResult(
        ApplyOutcome.fromId(outcome), decode(response, type(WorkloadStatus.class)));
  }

  /** What applying a manifest would do; writes nothing. */
  public PlanResult plan(JsonNode manifest) {
    return call("POST", "/workloads?dryRun=true", Json.encode(manifest), PlanResult.class);
  }

  /** Every workload with its status, by name. */
  public List<WorkloadStatus> workloads() {
    return all("/workloads", Map.of(), WorkloadStatus.class);
  }

  /** One workload with its status. */
  public WorkloadStatus workload(String name) {
    return call("GET", "/workloads/" + segment(name), null, WorkloadStatus.class);
  }

  /** Sets the replica count; returns the workload's status after the change. */
  public WorkloadStatus scale(String name, int replicas) {
    return scale(name, replicas, false);
  }

  /** As {@link #scale(String, int)}; {@code force} makes it on a workload managed strictly. */
  public WorkloadStatus scale(String name, int replicas, boolean force) {
    byte[] body = Json.encode(Map.of("replicas", replicas));
    return call(
        "POST",
        "/workloads/" + segment(name) + "/scale" + (force ? "?force=true" : ""),
        body,
        WorkloadStatus.class);
  }

  /** Sends words to the server's intent engine; see {@code POST /api/v1/intents}. */
  public IntentResult intent(IntentRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", request.text());
    body.put("dryRun", request.dryRun());
    body.put("confirm", request.confirm());
    if (request.conversation() != null) {
      body.put("conversation", request.conversation());
    }
    return call("POST", "/intents", Json.encode(body), IntentResult.class);
  }

  /** Marks the workload for deletion and returns it so marked. */
  public Workload delete(String name) {
    return delete(name, false);
  }

  /** As {@link #delete(String)}; {@code force} makes it on a workload managed strictly. */
  public Workload delete(String name, boolean force) {
    return call(
        "DELETE",
        "/workloads/" + segment(name) + (force ? "?force=true" : ""),
        null,
        Workload.class);
  }

  /**
   * Instances, narrowed by each filter that is not null.
   *
   * @param phase a phase name in any letter case
   */
  public List<Instance> instances(String workload, String node, String phase) {
    Map<String, String> query = new LinkedHashMap<>();
    putIfPresent(query, "workload", workload);
    putIfPresent(query, "node", node);
    putIfPresent(query, "phase", phase);
    return all("/instances", query, Instance.class);
  }

  /** One instance. */
  public Instance instance(String id) {
    return call("GET", "/instances/" + segment(id), null, Instance.class);
  }

  /** Asks the instance to stop so that its workload replaces it; returns it so marked. */
  public Instance restart(String id) {
    return call("POST", "/instances/" + segment(id) + "/restart", new byte[0], Instance.class);
  }

  /** How much CPU and memory the instance's container used lately. */
  public InstanceUsage stats(String id) {
    return call("GET", "/instances/" + segment(id) + "/stats", null, InstanceUsage.class);
  }

  /** What the instance's current container wrote, selected by {@code query}. */
  public InstanceLogs logs(String id, LogQuery query) {
    return call("GET", logsPath(id, query, false), null, InstanceLogs.class);
  }

  /**
   * Opens the instance's log for following: the lines {@code backlog} selects, then new ones as
   * they are written, read incrementally from the stream the caller closes.
   */
  public FollowedLog followLogs(String id, LogQuery backlog) {
    return new FollowedLog(stream(request("GET", logsPath(id, backlog, true), null)), server);
  }

  /**
   * Follows the store's changes ({@code GET /watch}).
   *
   * @param kinds the kinds to follow (workload, instance, event, node); empty for all
   * @param since the first revision to send, or null for changes from now on; ignored with {@code
   *     after}
   * @param after a cursor ({@link WatchedChanges#cursor}) to resume right after, or null
   * @throws ApiException what the server refused (an unknown kind, a bad cursor), naming it
   */
  public WatchedChanges watch(List<String> kinds, Long since, String after) {
    Map<String, String> params = new LinkedHashMap<>();
    if (!kinds.isEmpty()) {
      params.put("kinds", String.join(",", kinds));
    }
    if (since != null && after == null) {
      params.put("since", since.toString());
    }
    HttpRequest request = request("GET", "/watch" + queryString(params), null);
    if (after != null) {
      request =
          HttpRequest.newBuilder(request, (name, value) -> true)
              .header("Last-Event-ID", after)
              .build();
    }
    return new WatchedChanges(stream(request), server);
  }

  /**
   * The body of a response that streams, once its status says it does.
   *
   * @throws ApiException the error the server answered instead
   */
  private InputStream stream(HttpRequest request) {
    HttpResponse<InputStream> response =
        exchange(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() >= 400) {
      try (InputStream body = response.body()) {
        throw error(response.statusCode(), body.readAllBytes());
      } catch (IOException e) {
        throw unreachable(e);
      }
    }
    return response.body();
  }

  private static String logsPath(String id, LogQuery query, boolean follow) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query.tailLines() != null) {
      params.put("tail", query.tailLines().toString());
    }
    if (query.since() != null) {
      params.put("since", query.since().toString());
    }
    params.put("maxBytes", Long.toString(query.maxBytes()));
    if (follow) {
      params.put("follow", "true");
    }
    return "/instances/" + segment(id) + "/logs" + queryString(params);
  }

  /** Every node with what is allocated on it, by name. */
  public List<NodeSummary> nodes() {
    return all("/nodes", Map.of(), NodeSummary.class);
  }

  /** One node with what is allocated on it. */
  public NodeSummary node(String name) {
    return call("GET", "/nodes/" + segment(name), null, NodeSummary.class);
  }

  /** Keeps new instances off the node. */
  public Node cordon(String name) {
    return call("POST", "/nodes/" + segment(name) + "/cordon", new byte[0], Node.class);
  }

  /** Lets the node take new instances again. */
  public Node uncordon(String name) {
    return call("POST", "/nodes/" + segment(name) + "/uncordon", new byte[0], Node.class);
  }

  /** Cordons the node and stops its instances so that their workloads replace them elsewhere. */
  public DrainResult drain(String name) {
    return call("POST", "/nodes/" + segment(name) + "/drain", new byte[0], DrainResult.class);
  }

  /** The cluster at a glance, with its problems. */
  public ClusterSummary cluster() {
    return call("GET", "/cluster", null, ClusterSummary.class);
  }

  /**
   * The newest events, newest first: of one object when {@code kind} and {@code name} are given,
   * else of all. {@link Page#truncated()} tells when older ones were left out.
   *
   * @param limit most events to fetch, up to the server's maximum
   */
  public Page<Event> events(String kind, String name, int limit) {
    return events(kind, name, null, limit);
  }

  /**
   * As {@link #events(String, String, int)}, of the events caused by the caller named {@code by}
   * only, when it is given.
   */
  public Page<Event> events(String kind, String name, String by, int limit) {
    Map<String, String> query = new LinkedHashMap<>();
    putIfPresent(query, "kind", kind);
    putIfPresent(query, "name", name);
    putIfPresent(query, "by", by);
    query.put("limit", Integer.toString(limit));
    HttpResponse<byte[]> response = send("GET", "/events" + queryString(query), null);
    return decode(response, pageOf(Event.class));
  }

  /** Every item of a paged list, following {@code nextCursor} to the last page. */
  private <T> List<T> all(String path, Map<String, String> filters, Class<T> itemType) {
    List<T> items = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, String> query = new LinkedHashMap<>(filters);
      putIfPresent(query, "cursor", cursor);
      Page<T> page = decode(send("GET", path + queryString(query), null), pageOf(itemType));
      items.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return items;
  }

  private <T> T call(String method, String path, byte[] body, Class<T> type) {
    return decode(send(method, path, body), type(type));
  }

  private HttpResponse<byte[]> send(String method, String path, byte[] body) {
    HttpResponse<byte[]> response =
        exchange(request(method, path, body), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() >= 400) {
      throw error(response.statusCode(), response.body());
    }
    return response;
  }

  private HttpRequest request(String method, String path, byte[] body) {
    HttpRequest.Builder request =
        JsonRequests.builder(
            URI.create(server + RestApi.PREFIX + path), method, body, token, REQUEST_TIMEOUT);
    if (surface == Surface.CLI) {
      request.header(RequestCallers.SURFACE_HEADER, surface.id());
    }
    return request.build();
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while waiting for aino at " + server, e);
    }
  }

  private UnavailableException unreachable(IOException e) {
    String why;
    if (e instanceof HttpTimeoutException) {
      why = "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
    } else if (e instanceof ConnectException) {
      why = "connection refused";
    } else {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return new UnavailableException(
        "cannot reach aino at " + server + ": " + why + " (is 'aino up' running?)", e);
  }

  /** The server's error, from its {@link ErrorBody}; a hint to set the token on a 401. */
  private ApiException error(int status, byte[] answer) {
    Optional<ErrorBody.Detail> error = ErrorBody.parse(answer);
    if (error.isEmpty()) {
      return new ApiException(
          status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.INVALID_ARGUMENT,
          server + " answered HTTP " + status + " without an aino error; is it an aino server?",
          status);
    }
    ErrorCode code = ErrorBody.codeOf(error.get().code());
    String message = error.get().message();
    if (code == ErrorCode.UNAUTHENTICATED) {
      message += token == null ? " (set AINO_TOKEN)" : " (check AINO_TOKEN)";
    }
    return new ApiException(code, message, status);
  }

  private <T> T decode(HttpResponse<byte[]> response, JavaType type) {
    try {
      return Json.mapper().readValue(response.body(), type);
    } catch (IOException e) {
      throw new AinoException(
          ErrorCode.INTERNAL,
          "cannot read the answer of "
              + server
              + " ("
              + e.getClass().getSimpleName()
              + "); are the client and the server the same version of aino?",
          e);
    }
  }

  private static JavaType type(Class<?> type) {
    return Json.mapper().getTypeFactory().constructType(type);
  }

  private static JavaType pageOf(Class<?> itemType) {
    return Json.mapper().getTypeFactory().constructParametricType(Page.class, itemType);
  }

  private static void putIfPresent(Map<String, String> query, String key, String value) {
    if (value != null) {
      query.put(key, value);
    }
  }

  private static String queryString(Map<String, String> query) {
    StringBuilder sb = new StringBuilder();
    query.forEach(
        (key, value) ->
            sb.append(sb.length() == 0 ? '?' : '&').append(key).append('=').append(encode(value)));
    return sb.toString();
  }

  private static String segment(String value) {
    return encode(value);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
