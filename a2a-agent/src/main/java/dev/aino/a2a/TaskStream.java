package dev.aino.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One task's events as JSON-RPC responses: the task as it was when the stream began, then each
 * status and artifact update, until a final one (finished, or waiting for the client).
 */
public final class TaskStream implements Reply, Reply.Stream {
  private final JsonNode id;
  private final A2aVersion version;
  private final A2aTask task;
  private final LinkedBlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
  private final Consumer<TaskEvent> listener;
  private volatile boolean sentFinal;
  private volatile boolean finalQueued;

  /** Run once when the stream closes (stops following another server's task), or null. */
  private final Runnable onClose;

  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  TaskStream(JsonNode id, A2aVersion version, A2aTask task) {
    this(id, version, task, null);
  }

  TaskStream(JsonNode id, A2aVersion version, A2aTask task, Runnable onClose) {
    this.onClose = onClose;
    this.id = id;
    this.version = version;
    this.task = task;
    this.listener =
        e -> {
          if (finalQueued) {
            return;
          }
          queue.add(wrap(Wire.event(e, version), e.isFinal()));
          if (e.isFinal()) {
            finalQueued = true;
          }
        };
    TaskSnapshot first = task.subscribe(listener);
    boolean done = first.state().isInterrupted();
    queue.add(wrap(Wire.sendResult(first, version), done));
    if (done) {
      finalQueued = true;
    }
  }

  private ObjectNode wrap(ObjectNode result, boolean last) {
    ObjectNode n = Wire.F.objectNode();
    n.put("jsonrpc", "2.0");
    n.set("id", id);
    n.set("result", result);
    n.put("__last", last);
    return n;
  }

  @Override
  public ObjectNode next(Duration timeout) throws InterruptedException {
    ObjectNode n = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (n == null) {
      return null;
    }
    if (n.remove("__last").booleanValue()) {
      sentFinal = true;
      close();
    }
    return n;
  }

  @Override
  public boolean finished() {
    return sentFinal;
  }

  @Override
  public void close() {
    task.unsubscribe(listener);
    if (onClose != null && closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }

  /** The protocol version the stream speaks. */
  A2aVersion version() {
    return version;
  }
}
