package dev.aino.server.rest;

import dev.aino.api.ChangeFeed;
import dev.aino.api.Endpoint;
import dev.aino.api.OrchestratorService;
import dev.aino.error.AinoException;
import dev.aino.json.Json;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.server.http.ErrorBody;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Follows a workload's endpoints as server-sent events ({@code GET
 * /api/v1/workloads/{name}/endpoints?watch=true}): one {@value #EVENT} event with the whole list
 * (the same {@code {"items": [...]}} as the plain GET) when the stream opens, then one each time
 * the list changes. The list is re-read only when the store's {@link ChangeFeed} reports a change
 * of the workload or one of its instances, and sent only when it differs from the last one sent: a
 * health check that flips an instance's restart count sends nothing; one that flips {@code ready}
 * does.
 *
 * <p>Each event's {@code id} is the list's version (a digest of its JSON). A client that reconnects
 * with {@code Last-Event-ID} (as a browser's EventSource does by itself) gets the list at once only
 * if it changed since that version, so a reconnect never misses a change and never repeats one. The
 * whole list in every event is what makes that resumable with nothing kept on the server: there is
 * no backlog of changes to replay, only the current state to compare.
 *
 * <p>A comment line is sent every {@value #KEEPALIVE_SECONDS} s of silence, so a client that went
 * away is noticed and proxies keep the connection. When the workload is deleted the stream sends an
 * {@value #ERROR_EVENT} event with the usual {@link ErrorBody} ({@code NOT_FOUND}) and ends. It
 * holds its request's thread while open, as a followed log does.
 */
final class EndpointStreaming {
  static final String CONTENT_TYPE = ServerSentEvents.CONTENT_TYPE;
  static final String EVENT = "endpoints";
  static final String ERROR_EVENT = "error";
  static final int KEEPALIVE_SECONDS = ServerSentEvents.KEEPALIVE_SECONDS;

  private EndpointStreaming() {}

  /**
   * Streams the endpoints of {@code workload} until the client goes away or the workload is
   * deleted. An unknown workload is refused (404) through the shared error mapping before the
   * stream begins.
   */
  static void stream(Context ctx, OrchestratorService service, ChangeFeed feed, String workload) {
    Semaphore changed = new Semaphore(0);
    // Subscribed before the first read, so that no change between the two is missed.
    try (ChangeFeed.Subscription subscription =
        feed.subscribe(
            ref -> {
              if (concerns(ref, workload)) {
                changed.release();
              }
            })) {
      String sent = ctx.header("Last-Event-ID");
      String first = encode(service.endpoints(workload));
      ServerSentEvents out = ServerSentEvents.open(ctx);
      if (!version(first).equals(sent)) {
        sent = send(out, first);
      }
      follow(service, workload, changed, out, sent);
    } catch (IOException e) {
      // The client went away: nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void follow(
      OrchestratorService service,
      String workload,
      Semaphore changed,
      ServerSentEvents out,
      String sent)
      throws IOException, InterruptedException {
    while (true) {
      if (!changed.tryAcquire(KEEPALIVE_SECONDS, TimeUnit.SECONDS)) {
        out.keepAlive();
        continue;
      }
      changed.drainPermits(); // a burst of changes is one read
      String now;
      try {
        now = encode(service.endpoints(workload));
      } catch (AinoException e) {
        // Deleted (NOT_FOUND), or the store became unavailable: say why and end.
        out.send(
            null,
            ERROR_EVENT,
            new String(
                Json.encode(ErrorBody.of(e.code(), e.getMessage())), StandardCharsets.UTF_8));
        return;
      }
      if (!version(now).equals(sent)) {
        sent = send(out, now);
      }
    }
  }

  /** Whether a change of {@code ref} can change the endpoints of {@code workload}. */
  static boolean concerns(ObjectRef ref, String workload) {
    return switch (ref.kind()) {
      case "workload" -> ref.name().equals(workload);
      case "instance" -> workloadOf(ref.name()).equals(workload);
      default -> false;
    };
  }

  private static String workloadOf(String instanceId) {
    int dash = instanceId.lastIndexOf('-');
    return dash <= 0 ? "" : Instance.workloadOf(instanceId);
  }

  private static String encode(java.util.List<Endpoint> endpoints) {
    return new String(Json.encode(new Endpoint.Items(endpoints)), StandardCharsets.UTF_8);
  }

  /** Sends one list; returns its version. The JSON is one line, as a data field must be. */
  private static String send(ServerSentEvents out, String json) throws IOException {
    String version = version(json);
    out.send(version, EVENT, json);
    return version;
  }

  /** The list's version: the first 16 hex digits of the SHA-256 of its JSON. */
  static String version(String json) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
