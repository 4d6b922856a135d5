package dev.aino.server.rest;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a server-sent event stream ({@code text/event-stream}) for the routes that follow changes:
 * the headers and reconnect delay when it opens, one event at a time, and the comment that keeps a
 * quiet connection alive. Each write is flushed at once, so a client sees an event when it happens
 * and a client that went away is noticed at the next write (an {@link IOException}).
 */
final class ServerSentEvents {
  static final String CONTENT_TYPE = "text/event-stream";

  /** Seconds of silence after which a comment line is sent. */
  static final int KEEPALIVE_SECONDS = 5;

  /** How long a browser's EventSource waits before it reconnects. */
  private static final int RETRY_MILLIS = 1_000;

  private final OutputStream out;

  private ServerSentEvents(OutputStream out) {
    this.out = out;
  }

  /** Answers 200 with an event stream and sends the reconnect delay. */
  static ServerSentEvents open(Context ctx) throws IOException {
    ctx.status(200).contentType(CONTENT_TYPE).header("Cache-Control", "no-cache");
    ServerSentEvents events = new ServerSentEvents(ctx.res().getOutputStream());
    events.write("retry: " + RETRY_MILLIS + "\n\n");
    return events;
  }

  /**
   * Sends one event; {@code id} (may be null) becomes the client's {@code Last-Event-ID}. The data
   * must be one line, as compact JSON is.
   */
  void send(String id, String event, String data) throws IOException {
    write((id == null ? "" : "id: " + id + "\n") + "event: " + event + "\ndata: " + data + "\n\n");
  }

  /**
   * Sets the client's {@code Last-Event-ID} without an event: a block with an id and no data
   * dispatches nothing but is remembered, so a client that reconnects before the first event still
   * resumes from here.
   */
  void id(String id) throws IOException {
    write("id: " + id + "\n\n");
  }

  /** The comment sent after {@link #KEEPALIVE_SECONDS} of silence. */
  void keepAlive() throws IOException {
    write(": keep-alive\n\n");
  }

  private void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
