package dev.aino.console;

import dev.aino.api.ChangeFeed;
import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pushes "something changed" to every open console page over server-sent events, from one
 * subscription to the store's {@link ChangeFeed}: no tab polls. Changes are coalesced into at most
 * one {@value #EVENT} event per {@link #COALESCE_MILLIS} ms, so a burst (a 1,000-replica scale)
 * costs each page one re-render, not a thousand.
 *
 * <p>A page re-reads its live parts on every {@value #EVENT}, and a newly connected stream gets one
 * at once: after a server restart the browser's EventSource reconnects and the page catches up on
 * whatever it missed, with nothing to replay.
 */
final class LiveUpdates implements AutoCloseable {
  /** The SSE event name the pages' {@code hx-trigger="sse:change"} listens for. */
  static final String EVENT = "change";

  static final long COALESCE_MILLIS = 400;

  private static final long KEEP_ALIVE_SECONDS = 15;

  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final ScheduledExecutorService timer;
  private final ChangeFeed.Subscription subscription;

  LiveUpdates(ChangeFeed feed) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "aino-console-live");
              t.setDaemon(true);
              return t;
            });
    subscription = feed.subscribe(ref -> dirty.set(true));
    timer.scheduleWithFixedDelay(
        this::flush, COALESCE_MILLIS, COALESCE_MILLIS, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(
        this::keepAlive, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
  }

  /** Serves one page's stream until the browser goes away. */
  void connect(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    // Tells the browser to retry quickly after a restart, and the page to catch up now.
    client.sendEvent(EVENT, "connected", null);
  }

  int clients() {
    return clients.size();
  }

  private void flush() {
    if (dirty.getAndSet(false)) {
      send(client -> client.sendEvent(EVENT, "changed", null));
    }
  }

  private void keepAlive() {
    send(client -> client.sendComment("keep-alive"));
  }

  private void send(java.util.function.Consumer<SseClient> action) {
    for (SseClient client : clients) {
      try {
        if (client.terminated()) {
          clients.remove(client);
        } else {
          action.accept(client);
          if (client.terminated()) {
            // The write failed: the page went away (Javalin closes the client then).
            clients.remove(client);
          }
        }
      } catch (RuntimeException e) {
        // A browser that went away mid-write: forget it, the others still get theirs.
        clients.remove(client);
      }
    }
  }

  @Override
  public void close() {
    subscription.close();
    timer.shutdownNow();
    // The streams end with the HTTP server's connections; completing them here, after Jetty
    // let go of their requests, would only make Javalin fail on each.
    clients.clear();
  }
}
