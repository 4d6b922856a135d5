package dev.aino.a2a;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.json.Json;
import dev.aino.metrics.Metrics;
import dev.aino.metrics.PushResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers push notifications: each task update is POSTed to every URL configured for the task, in
 * the shape of the version the config was set with (1.0: a {@code StreamResponse}, {@code {"task":
 * ...}} or {@code {"statusUpdate": ...}} or {@code {"artifactUpdate": ...}}; 0.3: the whole task),
 * with the config's token in {@value PushConfig#TOKEN_HEADER} and its authentication as {@code
 * Authorization}.
 *
 * <p>Delivery runs on threads of its own, so a slow or dead receiver never holds up a task. The
 * updates for one config go out one at a time, in order: a failed attempt is tried again after the
 * {@link dev.aino.retry.Backoff} delay, up to the configured attempts, then given up with a log
 * line and a metric, and the next update goes. The host is checked against the allowed hosts again
 * before every attempt (the list may have shrunk since the config was set, across a restart), and a
 * redirect is never followed: a receiver cannot point aino elsewhere.
 */
final class PushSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushSender.class);

  private static final String A2A_JSON = "application/a2a+json";
  private static final String JSON = "application/json";

  private final PushSettings settings;
  private final Metrics metrics;
  private final HttpClient http;
  private final ScheduledExecutorService workers;

  /** Per task and config, the updates still to send; present while one is being sent. */
  private final Map<String, ArrayDeque<Delivery>> lanes = new HashMap<>();

  private record Delivery(String taskId, PushConfig config, byte[] body) {}

  PushSender(PushSettings settings, Metrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(settings.timeout())
            .build();
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "aino-a2a-push-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Sends the task as it is now to {@code configs}: what a config set with a send first gets. */
  void taskAsIs(TaskSnapshot t, List<PushConfig> configs) {
    for (PushConfig c : configs) {
      ObjectNode body =
          c.version() == A2aVersion.V1_0
              ? Wire.sendResult(t, A2aVersion.V1_0)
              : Wire.task(t, A2aVersion.V0_3, null);
      enqueue(new Delivery(t.id(), c, Json.encode(body)));
    }
  }

  /** Sends one change of a task to {@code configs}; called under the task's lock, in order. */
  void taskChanged(TaskEvent e, List<PushConfig> configs) {
    for (PushConfig c : configs) {
      ObjectNode body =
          c.version() == A2aVersion.V1_0
              ? Wire.event(e, A2aVersion.V1_0)
              : Wire.task(e.task(), A2aVersion.V0_3, null);
      enqueue(new Delivery(e.task().id(), c, Json.encode(body)));
    }
  }

  private void enqueue(Delivery d) {
    String lane = d.taskId + "\n" + d.config.id();
    synchronized (lanes) {
      ArrayDeque<Delivery> queue = lanes.get(lane);
      if (queue != null) {
        queue.add(d);
        return;
      }
      lanes.put(lane, new ArrayDeque<>());
    }
    submit(() -> attempt(lane, d, 1), 0);
  }

  private void attempt(String lane, Delivery d, int attempt) {
    Outcome outcome = post(d);
    if (outcome == Outcome.DELIVERED) {
      metrics.pushNotification(PushResult.DELIVERED);
    } else if (outcome.retryable() && attempt < settings.attempts()) {
      metrics.pushNotification(PushResult.RETRIED);
      long delay = settings.backoff().delay(attempt).toMillis();
      submit(() -> attempt(lane, d, attempt + 1), delay);
      return;
    } else {
      metrics.pushNotification(PushResult.GAVE_UP);
      LOG.warn(
          "push notification for A2A task {} to {} given up after {} attempt(s): {}",
          d.taskId,
          d.config.url(),
          attempt,
          outcome.reason);
    }
    Delivery next;
    synchronized (lanes) {
      next = lanes.get(lane).poll();
      if (next == null) {
        lanes.remove(lane);
        return;
      }
    }
    submit(() -> attempt(lane, next, 1), 0);
  }

  private void submit(Runnable r, long delayMillis) {
    try {
      workers.schedule(r, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closing: what is not sent yet is dropped with the agent.
    }
  }

  private static final class Outcome {
    static final Outcome DELIVERED = new Outcome(false, "delivered");
    final boolean retry;
    final String reason;

    Outcome(boolean retry, String reason) {
      this.retry = retry;
      this.reason = reason;
    }

    boolean retryable() {
      return retry;
    }
  }

  private Outcome post(Delivery d) {
    PushConfig c = d.config;
    if (!settings.allows(c.url())) {
      return new Outcome(
          false,
          "host "
              + PushSettings.hostAndPort(c.url())
              + " is no longer allowed by "
              + PushSettings.OPTION);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(c.url())
            .timeout(settings.timeout())
            .header("Content-Type", c.version() == A2aVersion.V1_0 ? A2A_JSON : JSON)
            .POST(HttpRequest.BodyPublishers.ofByteArray(d.body));
    if (c.token() != null) {
      b.header(PushConfig.TOKEN_HEADER, c.token());
    }
    if (c.scheme() != null) {
      b.header(
          "Authorization",
          c.credentials() == null ? c.scheme() : c.scheme() + " " + c.credentials());
    }
    try {
      HttpResponse<Void> r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
      int status = r.statusCode();
      if (status >= 200 && status < 300) {
        return Outcome.DELIVERED;
      }
      boolean retry = status >= 500 || status == 408 || status == 429;
      return new Outcome(
          retry,
          "HTTP "
              + status
              + (status >= 300 && status < 400 ? " (a redirect, which is not followed)" : ""));
    } catch (IOException e) {
      return new Outcome(true, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "interrupted: the agent is closing");
    } catch (IllegalArgumentException e) {
      return new Outcome(false, e.getMessage());
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
