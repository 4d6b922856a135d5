package dev.aino.server.join;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.agent.NodeApi;
import dev.aino.agent.NodeClaim;
import dev.aino.error.AinoException;
import dev.aino.error.ConflictException;
import dev.aino.error.ErrorCode;
import dev.aino.error.NotFoundException;
import dev.aino.error.UnavailableException;
import dev.aino.json.Json;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.model.Validate;
import dev.aino.model.Workload;
import dev.aino.retry.Backoff;
import dev.aino.server.client.EventStreamReader;
import dev.aino.server.client.JsonRequests;
import dev.aino.server.http.ErrorBody;
import dev.aino.server.rest.NodeApiRoutes;
import dev.aino.server.rest.RestApi;
import dev.aino.store.ListResult;
import dev.aino.store.UpdateResult;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import dev.aino.store.WatchListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node API of one node over HTTP, against any of the cluster's servers: every call goes to the
 * server that answered last, and moves on to the next one given when that one cannot be reached, so
 * an agent survives a server's restart or loss as long as one server answers. A call no server
 * answers is {@code UNAVAILABLE}; the agent retries it (its work queue backs off) and its
 * containers keep running meanwhile.
 *
 * <p>The instance watch follows the servers' event stream on a thread of its own and, when the
 * stream breaks, reconnects (with {@link Backoff}, trying each server in turn) from the revision
 * after the last event it delivered: no change is delivered twice or skipped. Only a server that
 * cannot resume from there (the revision is older than its change log) ends the watch with a
 * relist, after which the agent lists again.
 */
public final class HttpNodeApi implements NodeApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpNodeApi.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
  private static final AtomicInteger WATCHERS = new AtomicInteger();

  private final String nodeName;
  private final List<URI> servers;
  private final String token;
  private final Backoff reconnect;
  private final HttpClient http;
  private final AtomicInteger current = new AtomicInteger();

  /**
   * @param servers the servers' base URLs, e.g. {@code http://10.0.0.1:7070}; tried in this order
   * @param token the bearer token: an admin's, or an agent token named as the node
   * @param reconnect the wait between rounds of attempts to reconnect the watch
   */
  public HttpNodeApi(String nodeName, List<URI> servers, String token, Backoff reconnect) {
    this.nodeName = Validate.dnsLabel("nodeName", nodeName);
    if (servers == null || servers.isEmpty()) {
      throw new IllegalArgumentException("at least one server to join is needed");
    }
    this.servers = List.copyOf(servers);
    this.token = token;
    this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  @Override
  public String nodeName() {
    return nodeName;
  }

  /** The server the last call went to. */
  public URI currentServer() {
    return servers.get(current.get());
  }

  @Override
  public UpdateResult<Node> register(NodeClaim claim) {
    return nodeWrite("/registration", claim);
  }

  @Override
  public UpdateResult<Node> heartbeat(NodeClaim claim) {
    return nodeWrite("/heartbeat", claim);
  }

  private UpdateResult<Node> nodeWrite(String path, NodeClaim claim) {
    NodeApiRoutes.NodeWrite written =
        call("PUT", path, Json.encode(claim), type(NodeApiRoutes.NodeWrite.class));
    return new UpdateResult<>(written.created() ? null : written.node(), written.node());
  }

  @Override
  public ListResult<Instance> listInstances() {
    return call(
        "GET",
        "/instances",
        null,
        Json.mapper().getTypeFactory().constructParametricType(ListResult.class, Instance.class));
  }

  @Override
  public Instance updateInstance(Instance next) {
    return call("PUT", "/instances/" + segment(next.id()), Json.encode(next), type(Instance.class));
  }

  @Override
  public InstanceRead instance(String id) {
    return call("GET", "/instances/" + segment(id), null, type(InstanceRead.class));
  }

  @Override
  public Optional<Workload> workload(String name) {
    try {
      return Optional.of(call("GET", "/workloads/" + segment(name), null, type(Workload.class)));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public void recordEvent(ObjectRef object, EventType type, String reason, String message) {
    call(
        "POST",
        "/events",
        Json.encode(new NodeApiRoutes.EventReport(object, type, reason, message)),
        null);
  }

  @Override
  public Watch watchInstances(long fromRevision, WatchListener<Instance> listener) {
    InstanceStream stream = new InstanceStream(fromRevision, listener);
    Thread reader = new Thread(stream, "aino-join-watch-" + WATCHERS.incrementAndGet());
    reader.setDaemon(true);
    reader.start();
    return stream::close;
  }

  /**
   * Sends the call to the current server, then to each other one in turn while none can be reached.
   */
  private <T> T call(String method, String path, byte[] body, JavaType type) {
    UnavailableException last = null;
    int start = current.get();
    for (int i = 0; i < servers.size(); i++) {
      int index = (start + i) % servers.size();
      HttpResponse<byte[]> response;
      try {
        response =
            http.send(request(index, method, path, body), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        last = unreachable(index, e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnavailableException("interrupted while calling " + servers.get(index), e);
      }
      if (response.statusCode() == 503 && i < servers.size() - 1) {
        AinoException refused = error(index, response.statusCode(), response.body());
        last =
            refused instanceof UnavailableException u
                ? u
                : new UnavailableException(refused.getMessage(), refused);
        continue; // that server lost its store; another may have it
      }
      current.set(index);
      if (response.statusCode() >= 400) {
        throw error(index, response.statusCode(), response.body());
      }
      if (type == null) {
        return null;
      }
      try {
        return Json.mapper().readValue(response.body(), type);
      } catch (IOException e) {
        throw new AinoException(
            ErrorCode.INTERNAL,
            "cannot read the answer of "
                + servers.get(index)
                + " to "
                + method
                + " "
                + path
                + "; are the agent and the server the same version of aino?",
            e);
      }
    }
    throw last;
  }

  private HttpRequest request(int server, String method, String path, byte[] body) {
    return JsonRequests.builder(url(server, path), method, body, token, REQUEST_TIMEOUT).build();
  }

  private URI url(int server, String path) {
    return URI.create(servers.get(server) + RestApi.PREFIX + "/nodes/" + segment(nodeName) + path);
  }

  private UnavailableException unreachable(int server, IOException e) {
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new UnavailableException(
        "node " + nodeName + " cannot reach aino at " + servers.get(server) + ": " + why, e);
  }

  /** The server's error as the typed exception the agent acts on (a lost race, a gone instance). */
  private AinoException error(int server, int status, byte[] answer) {
    Optional<ErrorBody.Detail> error = ErrorBody.parse(answer);
    if (error.isEmpty()) {
      return new UnavailableException(
          servers.get(server) + " answered HTTP " + status + " without an aino error", null);
    }
    String message = error.get().message();
    ErrorCode code = ErrorBody.codeOf(error.get().code());
    return switch (code) {
      case CONFLICT -> new ConflictException(message);
      case NOT_FOUND -> new NotFoundException(message);
      case UNAVAILABLE -> new UnavailableException(message, null);
      default -> new AinoException(code, message);
    };
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static JavaType type(Class<?> type) {
    return Json.mapper().getTypeFactory().constructType(type);
  }

  /**
   * One watch: reads the event stream, delivers each event once, and reconnects from the revision
   * after the last one delivered until closed or relisted.
   */
  private final class InstanceStream implements Runnable {
    private final WatchListener<Instance> listener;
    private volatile long next;
    private volatile boolean closed;
    private volatile InputStream body;

    InstanceStream(long fromRevision, WatchListener<Instance> listener) {
      this.next = fromRevision;
      this.listener = listener;
    }

    @Override
    public void run() {
      int failures = 0;
      int server = current.get();
      while (!closed) {
        try {
          if (follow(server)) {
            return; // relisted: the agent lists again and starts a new watch
          }
          failures = 0; // the stream ended cleanly (server shut down): reconnect at once
        } catch (IOException | AinoException e) {
          if (closed) {
            return;
          }
          failures++;
          LOG.info(
              "node {}: instance watch on {} broke off ({}); resuming from revision {}",
              nodeName,
              servers.get(server),
              e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
              next);
        } catch (InterruptedException e) {
          return;
        }
        server = (server + 1) % servers.size();
        if (failures > 0 && server == current.get() || servers.size() == 1) {
          try {
            Thread.sleep(reconnect.delay(Math.max(1, failures)).toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    /** Follows one connection; true when the watch ended with a relist. */
    private boolean follow(int server) throws IOException, InterruptedException {
      HttpResponse<InputStream> response =
          http.send(
              request(server, "GET", "/instances/watch?fromRevision=" + next, null),
              HttpResponse.BodyHandlers.ofInputStream());
      body = response.body();
      if (closed) {
        body.close();
        return true;
      }
      if (response.statusCode() >= 400) {
        try (InputStream in = body) {
          throw error(server, response.statusCode(), in.readAllBytes());
        }
      }
      current.set(server);
      try (InputStream in = body) {
        EventStreamReader events = new EventStreamReader(in);
        for (EventStreamReader.Event e = events.next(); e != null; e = events.next()) {
          if (closed) {
            return true;
          }
          long revision = e.id() == null ? -1 : Long.parseLong(e.id().strip());
          if (deliver(e.type(), revision, e.data())) {
            return true;
          }
        }
      }
      return false;
    }

    /** Delivers one event; true for a relist, which ends the watch. */
    private boolean deliver(String event, long revision, String data) throws IOException {
      JsonNode tree = Json.mapper().readTree(data);
      switch (event) {
        case "put" -> {
          Instance instance = Json.mapper().treeToValue(tree, Instance.class);
          listener.onEvent(new WatchEvent.Put<>(instance, revision));
        }
        case "delete" ->
            listener.onEvent(new WatchEvent.Delete<>(tree.get("key").asText(), revision));
        case "relist" -> {
          closed = true;
          listener.onEvent(new WatchEvent.Relist<>(tree.get("reason").asText(), revision));
          return true;
        }
        default -> {
          return false; // an event kind of a later version: not ours to act on
        }
      }
      next = revision + 1;
      return false;
    }

    void close() {
      closed = true;
      InputStream open = body;
      if (open != null) {
        try {
          open.close();
        } catch (IOException e) {
          // Closing anyway.
        }
      }
    }
  }
}
