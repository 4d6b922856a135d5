package dev.aino.a2a;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/** What the agent answers: one JSON-RPC response, or a stream of them (server-sent events). */
public sealed interface Reply permits Reply.Json, TaskStream {
  /** One JSON-RPC response (a result or an error). */
  record Json(ObjectNode body) implements Reply {}

  /**
   * A stream of JSON-RPC responses with the request's id: the task first, then its updates, until
   * the task finishes or waits for the client. The server writes each as one event.
   */
  interface Stream {
    /**
     * The next response, waiting at most {@code timeout}; null when nothing came in that time.
     * After the last one, {@link #finished()} is true.
     */
    ObjectNode next(Duration timeout) throws InterruptedException;

    boolean finished();

    /** Stops listening to the task (the client went away, or the stream finished). */
    void close();
  }
}
