package dev.aino.server.rest;

import dev.aino.api.InstanceLogListener;
import dev.aino.api.OrchestratorService;
import dev.aino.error.AinoException;
import dev.aino.error.UnavailableException;
import dev.aino.json.Json;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import dev.aino.server.http.ErrorBody;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Streams a followed log as newline-delimited JSON ({@value #CONTENT_TYPE}) over a chunked
 * response: one {@link LogLine} object per line, as each arrives. Chosen over server-sent events
 * because every line keeps its timestamp and stream in the same shape as the non-following answer,
 * any HTTP client (curl, {@code java.net.http}'s line reader, another aino server relaying a remote
 * node's log) reads it line by line without an event parser, and SSE's reconnection would need a
 * resume point anyway, which {@code since} already is.
 *
 * <p>A blank line is sent every {@value #KEEPALIVE_SECONDS} s of silence, so a client that went
 * away is noticed and proxies keep the connection; readers skip blank lines. When the log ends
 * because of a failure after the response began, the last line is an {@link ErrorBody}.
 */
final class LogStreaming {
  static final String CONTENT_TYPE = "application/x-ndjson";
  static final int KEEPALIVE_SECONDS = 5;

  /** Lines held for a client that reads slower than the container writes. */
  private static final int BUFFERED_LINES = 10_000;

  private LogStreaming() {}

  /**
   * Follows the instance's log until it ends or the client disconnects. Errors before the first
   * byte (unknown instance, not started) go through the shared error mapping.
   */
  static void stream(Context ctx, OrchestratorService service, String id, LogQuery backlog) {
    stream(ctx, listener -> service.followLogs(id, backlog, listener));
  }

  /** Follows the log that {@code follow} subscribes to, as above. */
  static void stream(Context ctx, Function<InstanceLogListener, LogSubscription> follow) {
    Feed feed = new Feed();
    LogSubscription subscription = follow.apply(feed);
    try {
      ctx.status(200).contentType(CONTENT_TYPE).header("Cache-Control", "no-cache");
      pump(feed, ctx.res().getOutputStream());
    } catch (IOException e) {
      // The client went away: nothing to answer.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      subscription.close();
    }
  }

  private static void pump(Feed feed, OutputStream out) throws IOException, InterruptedException {
    out.flush(); // headers now, so the client knows the stream began
    while (true) {
      Object next = feed.queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
      if (next == null) {
        out.write('\n');
        out.flush();
        continue;
      }
      if (next instanceof End end) {
        if (end.failure() != null) {
          AinoException f = end.failure();
          write(out, ErrorBody.of(f.code(), f.getMessage()));
        }
        out.flush();
        return;
      }
      write(out, next);
      if (feed.queue.isEmpty()) {
        out.flush();
      }
    }
  }

  private static void write(OutputStream out, Object value) throws IOException {
    out.write(Json.encode(value));
    out.write('\n');
  }

  /** The end of the log, with the failure that ended it if any. */
  private record End(AinoException failure) {}

  /** Hands lines from the source's thread to the request's thread without blocking the source. */
  private static final class Feed implements InstanceLogListener {
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(BUFFERED_LINES + 1);
    private volatile boolean overflowed;

    @Override
    public void line(LogLine line) {
      if (overflowed) {
        return;
      }
      if (queue.remainingCapacity() <= 1) {
        overflowed = true;
        queue.offer(
            new End(
                new UnavailableException(
                    "the client read more slowly than the container wrote; "
                        + BUFFERED_LINES
                        + " lines were waiting. Follow again with since set to the last"
                        + " timestamp received",
                    null)));
        return;
      }
      queue.offer(line);
    }

    @Override
    public void ended(AinoException failure) {
      if (!overflowed) {
        queue.offer(new End(failure));
      }
    }
  }
}
