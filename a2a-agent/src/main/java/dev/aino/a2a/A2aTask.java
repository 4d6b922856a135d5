package dev.aino.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.intent.IntentAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A live task. Every change happens under its lock and is passed, as a {@link TaskEvent}, to the
 * streams that follow it; readers get {@link TaskSnapshot}s.
 */
final class A2aTask {
  final String id;
  final String contextId;

  /** The name of the caller that created it; other callers do not see it. */
  final String owner;

  /**
   * The server that runs the task (its node name): the only one that changes it. Another server of
   * the same store reads it and follows its changes through the store. Null in tasks stored before
   * servers were named, which count as this server's.
   */
  String server;

  /** The intent engine's conversation that this task continues. */
  String conversation;

  /** What the last message asked for, and of which workload; set once the engine answered. */
  IntentAction action;

  String workload;

  /** What was applied, in one line, for a cancel to report. */
  String applied;

  private TaskState state = TaskState.SUBMITTED;
  private Message status;
  private Instant timestamp;
  private final List<Message> history = new ArrayList<>();
  private final List<Artifact> artifacts = new ArrayList<>();
  private final List<Consumer<TaskEvent>> listeners = new CopyOnWriteArrayList<>();

  /** Where the client wants updates pushed, in the order the configs were set. */
  private final List<PushConfig> pushConfigs = new ArrayList<>();

  /** Who delivers the pushes, or null when the agent sends none. */
  private volatile PushSender pusher;

  /** Where every change is written (the state store), or null before the task is kept. */
  private volatile Keeper keeper;

  /** Where a task's changes are written. */
  interface Keeper {
    /**
     * Writes {@code task} as it is now.
     *
     * @return null when written; otherwise the task as another server stored it after taking it
     *     over, which supersedes this copy
     */
    A2aTask store(A2aTask task);
  }

  A2aTask(String id, String contextId, String owner, Instant now) {
    this.id = id;
    this.contextId = contextId;
    this.owner = owner;
    this.timestamp = now;
  }

  /** A task read back from the state store. */
  A2aTask(
      String id,
      String contextId,
      String owner,
      TaskState state,
      Message status,
      Instant timestamp,
      List<Message> history,
      List<Artifact> artifacts,
      List<PushConfig> pushConfigs) {
    this(id, contextId, owner, timestamp);
    this.state = state;
    this.status = status;
    this.history.addAll(history);
    this.artifacts.addAll(artifacts);
    this.pushConfigs.addAll(pushConfigs);
  }

  /**
   * Takes the state of {@code newer}, the same task as its server last stored it, and tells the
   * listeners what changed: each artifact added, then the status if it moved. How a server follows
   * a task another server runs.
   */
  synchronized void followFrom(A2aTask newer) {
    TaskSnapshot n = newer.snapshot();
    for (int i = artifacts.size(); i < n.artifacts().size(); i++) {
      Artifact a = n.artifacts().get(i);
      artifacts.add(a);
      publish(new TaskEvent(snapshotLocked(), a));
    }
    boolean moved =
        n.state() != state
            || !java.util.Objects.equals(
                n.status() == null ? null : n.status().messageId(),
                status == null ? null : status.messageId());
    history.clear();
    history.addAll(n.history());
    if (moved) {
      state = n.state();
      status = n.status();
      timestamp = n.timestamp();
      publish(new TaskEvent(snapshotLocked(), null));
    }
  }

  /** Pushes every later change to the task's push configs through {@code pusher}. */
  void pushWith(PushSender pusher) {
    this.pusher = pusher;
  }

  /**
   * Adds {@code config}, or replaces the one with its id, and stores the task.
   *
   * @return false when the task holds {@code max} other configs already, and nothing changed
   */
  synchronized boolean putPushConfig(PushConfig config, int max) {
    for (int i = 0; i < pushConfigs.size(); i++) {
      if (pushConfigs.get(i).id().equals(config.id())) {
        pushConfigs.set(i, config);
        keep();
        return true;
      }
    }
    if (pushConfigs.size() >= max) {
      return false;
    }
    pushConfigs.add(config);
    keep();
    return true;
  }

  /** Removes the config {@code id}; false when there is none. */
  synchronized boolean removePushConfig(String configId) {
    boolean removed = pushConfigs.removeIf(c -> c.id().equals(configId));
    if (removed) {
      keep();
    }
    return removed;
  }

  synchronized List<PushConfig> pushConfigs() {
    return List.copyOf(pushConfigs);
  }

  /** Sends the task as it is now to {@code config}, before any change, under the lock. */
  synchronized void pushAsIs(PushConfig config) {
    PushSender p = pusher;
    if (p != null) {
      p.taskAsIs(snapshotLocked(), List.of(config));
    }
  }

  /**
   * Passes the task to {@code keeper} now and after every change, under the lock, so that the
   * writes arrive in the order of the changes.
   */
  synchronized void keepWith(Keeper keeper) {
    this.keeper = keeper;
    keep();
  }

  /**
   * Passes the task to {@code keeper} after every later change, without writing it now: for a task
   * just written as it is (an adopted one).
   */
  void keptBy(Keeper keeper) {
    this.keeper = keeper;
  }

  /** The stored form of the task as it is now. */
  synchronized ObjectNode document() {
    return TaskDocument.of(
        snapshotLocked(), conversation, action, workload, applied, server, pushConfigs);
  }

  /**
   * Writes the task through its keeper.
   *
   * @return false when another server's version superseded it ({@link #supersedeBy}), and the
   *     listeners were told of that instead of the change
   */
  private boolean keep() {
    Keeper k = keeper;
    if (k == null) {
      return true;
    }
    A2aTask newer = k.store(this);
    if (newer == null) {
      return true;
    }
    supersedeBy(newer);
    return false;
  }

  /**
   * Takes the state of {@code newer}, the task as another server stored it after adopting it (it
   * took this server for stopped, its node DOWN), and stops storing and pushing this copy's
   * changes. Why the stored task wins: it has finished, clients may have read it so, and a finished
   * task never changes again; that server has sent its push notifications.
   */
  private void supersedeBy(A2aTask newer) {
    keeper = null;
    pusher = null;
    TaskSnapshot n = newer.snapshot();
    state = n.state();
    status = n.status();
    timestamp = n.timestamp();
    history.clear();
    history.addAll(n.history());
    artifacts.clear();
    artifacts.addAll(n.artifacts());
    server = newer.server;
    publish(new TaskEvent(snapshotLocked(), null));
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  synchronized TaskState state() {
    return state;
  }

  synchronized Instant timestamp() {
    return timestamp;
  }

  synchronized void addHistory(Message m) {
    history.add(m);
    keep();
  }

  /**
   * Moves to {@code next} with the agent's {@code text} (and data, if any) as status message, and
   * tells the listeners (under the lock, so that they see the changes in order; they only queue).
   *
   * @return false when the task had already finished, and nothing changed, or when another server
   *     had finished it meanwhile, whose version it now is
   */
  synchronized boolean moveTo(TaskState next, String text, JsonNode data, Instant now) {
    if (state.isTerminal()) {
      return false;
    }
    state = next;
    timestamp = now;
    List<Part> parts = new ArrayList<>();
    if (text != null) {
      parts.add(Part.text(text));
    }
    if (data != null) {
      parts.add(Part.data(data));
    }
    status = parts.isEmpty() ? null : new Message(newId(), true, parts, id, contextId);
    if (status != null) {
      history.add(status);
    }
    if (!keep()) {
      return false;
    }
    publish(new TaskEvent(snapshotLocked(), null));
    return true;
  }

  /** Adds what the task produced, unless it has finished (a canceled task takes no more). */
  synchronized void addArtifact(Artifact a) {
    if (state.isTerminal()) {
      return;
    }
    artifacts.add(a);
    if (keep()) {
      publish(new TaskEvent(snapshotLocked(), a));
    }
  }

  synchronized TaskSnapshot snapshot() {
    return snapshotLocked();
  }

  /**
   * Starts passing events to {@code listener} and returns the task as it is, atomically: no event
   * after the snapshot is missed, none before it is repeated.
   */
  synchronized TaskSnapshot subscribe(Consumer<TaskEvent> listener) {
    listeners.add(listener);
    return snapshotLocked();
  }

  void unsubscribe(Consumer<TaskEvent> listener) {
    listeners.remove(listener);
  }

  private TaskSnapshot snapshotLocked() {
    return new TaskSnapshot(id, contextId, state, status, timestamp, history, artifacts);
  }

  private void publish(TaskEvent event) {
    for (Consumer<TaskEvent> l : listeners) {
      l.accept(event);
    }
    PushSender p = pusher;
    if (p != null && !pushConfigs.isEmpty()) {
      p.taskChanged(event, List.copyOf(pushConfigs));
    }
  }
}
