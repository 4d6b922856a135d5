package dev.aino.server.rest;

import static dev.aino.server.rest.RestApi.PREFIX;

import dev.aino.agent.NodeApi;
import dev.aino.agent.NodeClaim;
import dev.aino.agent.StoreNodeApi;
import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.error.NotFoundException;
import dev.aino.error.PermissionDeniedException;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import dev.aino.json.StrictInput;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.model.Validate;
import dev.aino.server.http.HttpComponent;
import dev.aino.server.http.RequestCallers;
import dev.aino.store.StateStore;
import dev.aino.store.UpdateResult;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The node API over HTTP, {@code /api/v1/nodes/{name}/...}: what a node agent on another host
 * ({@code aino agent --join}) needs from the control plane, served from the store through {@link
 * StoreNodeApi}, so that such an agent never holds the store's credentials.
 *
 * <p>Only an admin, or an {@link Role#AGENT agent} whose token is named as the node, may call it;
 * {@link StoreNodeApi} further refuses a write to another node's instance (403). The instance watch
 * is server-sent events: each event's {@code id} is its store revision, so a client that lost the
 * connection resumes with {@code ?fromRevision=} (or {@code Last-Event-ID}) the id after the last
 * it saw, on this server or another of the cluster.
 */
public final class NodeApiRoutes implements HttpComponent {
  static final String ONE = PREFIX + "/nodes/{name}";
  static final String SSE = "text/event-stream";
  static final int KEEPALIVE_SECONDS = 5;

  /** Events held for a slow client; past this the stream ends with a relist. */
  private static final int BUFFERED_EVENTS = 10_000;

  private final StateStore store;
  private final Clock clock;

  /**
   * @param clock stamps the heartbeats of the nodes that call
   */
  public NodeApiRoutes(StateStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A node's registration or heartbeat as written: the node, and whether it was created. */
  public record NodeWrite(Node node, boolean created) {}

  /** An event a node reports about itself or one of its instances. */
  public record EventReport(ObjectRef object, EventType type, String reason, String message) {
    public EventReport {
      Validate.required("object", object);
      Validate.required("type", type);
      Validate.text("reason", reason);
      Validate.required("message", message);
    }
  }

  @Override
  public void configure(JavalinConfig config) {
    config.routes.put(ONE + "/registration", ctx -> written(ctx, api(ctx).register(claim(ctx))));
    config.routes.put(ONE + "/heartbeat", ctx -> written(ctx, api(ctx).heartbeat(claim(ctx))));
    config.routes.get(ONE + "/instances", ctx -> ctx.json(api(ctx).listInstances()));
    config.routes.get(ONE + "/instances/watch", this::watch);
    config.routes.get(ONE + "/instances/{id}", ctx -> ctx.json(api(ctx).instance(id(ctx))));
    config.routes.put(ONE + "/instances/{id}", this::updateInstance);
    config.routes.get(ONE + "/workloads/{workload}", this::workload);
    config.routes.post(ONE + "/events", this::recordEvent);
  }

  /**
   * The node API of the path's node, if the caller may act for it.
   *
   * @throws PermissionDeniedException for a caller that is neither an admin nor that node's agent
   */
  private NodeApi api(Context ctx) {
    String name = Validate.dnsLabel("name", ctx.pathParam("name"));
    Caller caller = RequestCallers.ofRest(ctx.req());
    boolean itsAgent = caller.role() == Role.AGENT && caller.name().equals(name);
    if (caller.role() != Role.ADMIN && !itsAgent) {
      throw new PermissionDeniedException(
          caller.describe()
              + " may not use node "
              + name
              + "'s API: only an admin, or an agent whose token is named "
              + name
              + ", may");
    }
    return StoreNodeApi.forRemoteAgent(store, name, clock);
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  private static NodeClaim claim(Context ctx) {
    return StrictInput.decode(RequestBodies.document(ctx), NodeClaim.class, "");
  }

  private static void written(Context ctx, UpdateResult<Node> result) {
    ctx.json(new NodeWrite(result.after(), result.created()));
  }

  private void updateInstance(Context ctx) {
    NodeApi api = api(ctx);
    Instance next = StrictInput.decode(RequestBodies.document(ctx), Instance.class, "");
    if (!next.id().equals(id(ctx))) {
      throw new ValidationException(
          "id", "is \"" + next.id() + "\" but the path names instance \"" + id(ctx) + "\"");
    }
    ctx.json(api.updateInstance(next));
  }

  private void workload(Context ctx) {
    String name = ctx.pathParam("workload");
    ctx.json(api(ctx).workload(name).orElseThrow(() -> NotFoundException.of("workload", name)));
  }

  private void recordEvent(Context ctx) {
    NodeApi api = api(ctx);
    EventReport report = StrictInput.decode(RequestBodies.document(ctx), EventReport.class, "");
    api.recordEvent(report.object(), report.type(), report.reason(), report.message());
    ctx.status(204);
  }

  /**
   * Streams the node's instance changes from the revision asked for until the client goes away or
   * the store ends the watch (a relist, the last event sent).
   */
  private void watch(Context ctx) {
    NodeApi api = api(ctx);
    long from = fromRevision(ctx);
    BlockingQueue<WatchEvent<Instance>> queue = new LinkedBlockingQueue<>(BUFFERED_EVENTS + 1);
    Watch watch =
        api.watchInstances(
            from,
            event -> {
              if (!queue.offer(event) || queue.remainingCapacity() == 0) {
                queue.clear();
                queue.offer(
                    new WatchEvent.Relist<>(
                        "the client read more slowly than the node's instances changed",
                        event.revision()));
              }
            });
    try {
      ctx.status(200).contentType(SSE).header("Cache-Control", "no-cache");
      OutputStream out = ctx.res().getOutputStream();
      out.write(": watching from revision ".getBytes(StandardCharsets.UTF_8));
      out.write(Long.toString(from).getBytes(StandardCharsets.UTF_8));
      out.write("\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        WatchEvent<Instance> next = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
          out.write(":\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          continue;
        }
        send(out, next);
        if (queue.isEmpty()) {
          out.flush();
        }
        if (next instanceof WatchEvent.Relist<Instance>) {
          out.flush();
          return;
        }
      }
    } catch (IOException e) {
      // The client went away.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      watch.close();
    }
  }

  private static String clip(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  private static void send(OutputStream out, WatchEvent<Instance> event) throws IOException {
    String name;
    Object data;
    if (event instanceof WatchEvent.Put<Instance> put) {
      name = "put";
      data = put.object();
    } else if (event instanceof WatchEvent.Delete<Instance> delete) {
      name = "delete";
      data = Map.of("key", delete.key());
    } else {
      name = "relist";
      data = Map.of("reason", ((WatchEvent.Relist<Instance>) event).reason());
    }
    String frame =
        "id: " + event.revision() + "\nevent: " + name + "\ndata: " + Json.tree(data) + "\n\n";
    out.write(frame.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The revision to watch from: {@code fromRevision}, else the one after {@code Last-Event-ID} (a
   * reconnecting event source), else an error naming the parameter.
   */
  private static long fromRevision(Context ctx) {
    String text = QueryParams.optional(ctx, "fromRevision");
    String field = "fromRevision";
    long after = 0;
    if (text == null) {
      text = ctx.header("Last-Event-ID");
      field = "Last-Event-ID";
      after = 1;
    }
    if (text == null || text.isBlank()) {
      throw new ValidationException(
          "fromRevision",
          "is required: the store revision to watch from, one after the revision of the list the"
              + " agent acted on");
    }
    try {
      BigInteger value = new BigInteger(text.strip());
      if (value.signum() < 0 || value.bitLength() > 62) {
        throw new NumberFormatException();
      }
      return value.longValueExact() + after;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ValidationException(
          field, "must be a whole number of at least 0, got \"" + clip(text) + "\"");
    }
  }
}
