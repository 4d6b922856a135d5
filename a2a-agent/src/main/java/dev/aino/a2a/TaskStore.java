package dev.aino.a2a;

import dev.aino.error.AinoException;
import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.model.AgentTask;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.StoredObject;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's tasks: each caller sees only its own, finished tasks are kept for a bounded time and
 * then forgotten, and one context holds a bounded number of tasks, so no client can grow the server
 * without end.
 *
 * <p>Every change of a task is written to the state store ({@link ObjectKind#AGENT_TASKS}), and the
 * tasks stored are read back when the agent starts, so a client still reads its tasks after {@code
 * aino up} restarted. This server's tasks are served from memory: it is the only writer of them.
 * With several servers on one store, each task names the server that runs it; another server reads
 * it (GetTask, ListTasks) from the store and follows it (SubscribeToTask) through the store's
 * watch, but never changes it. What a restart interrupted cannot go on (the change is no longer
 * followed, the engine forgot its question), so such a task is read back as failed, saying so and
 * what was already applied.
 *
 * <p>A server that dies for good leaves its unfinished tasks behind. Once the control plane's node
 * lifecycle calls that server's node DOWN, the first other server that reads one of them (or its
 * {@link #adoptOrphans sweep}) adopts it: a compare-and-swap on the stored task, so that two
 * servers never both do, writes it failed the way a restart would, naming the server and what was
 * applied, and sends its push notifications; followers on other servers see the write through the
 * store's watch. A server that was only taken for stopped never overwrites that failure: it writes
 * each change by compare-and-swap, and finding its task adopted it serves the stored one instead.
 */
final class TaskStore {
  private static final Logger LOG = LoggerFactory.getLogger(TaskStore.class);

  private final Map<String, A2aTask> tasks = new ConcurrentHashMap<>();
  private final StateStore store;
  private final Duration retention;
  private final int maxTasksPerContext;
  private final Clock clock;
  private final PushSender pusher;
  private final String server;

  TaskStore(StateStore store, Duration retention, int maxTasksPerContext, Clock clock) {
    this(store, retention, maxTasksPerContext, clock, null, null);
  }

  /**
   * @param pusher where the tasks' push notifications go, or null when the agent sends none
   * @param server this server's name, written into its tasks; null when it shares its store with no
   *     other server (every stored task is then its own)
   */
  TaskStore(
      StateStore store,
      Duration retention,
      int maxTasksPerContext,
      Clock clock,
      PushSender pusher,
      String server) {
    this.pusher = pusher;
    this.server = server;
    this.store = store;
    this.retention = retention;
    this.maxTasksPerContext = maxTasksPerContext;
    this.clock = clock;
    load();
  }

  private void load() {
    Instant now = clock.instant();
    for (AgentTask stored : store.list(ObjectKind.AGENT_TASKS).items()) {
      A2aTask t;
      try {
        t = TaskDocument.task(stored);
      } catch (RuntimeException e) {
        LOG.warn("stored A2A task {} cannot be read and is dropped: {}", stored.id(), e.toString());
        forget(stored.id());
        continue;
      }
      if (expired(t, now)) {
        forget(t.id);
        continue;
      }
      if (!runsHere(t)) {
        // Another server's: read through the store when asked for, never taken over.
        continue;
      }
      tasks.put(t.id, t);
      t.keepWith(this::write);
      // Before the move below: a client pushed to learns that the restart ended its task.
      t.pushWith(pusher);
      TaskState state = t.state();
      if (!state.isTerminal()) {
        t.moveTo(TaskState.FAILED, interrupted(t, state), null, now);
      }
    }
  }

  /** Why a task that a restart interrupted failed, and what it had changed. */
  private static String interrupted(A2aTask t, TaskState state) {
    if (state == TaskState.WORKING && t.applied != null) {
      return "aino restarted while following "
          + (t.workload == null ? "this change" : t.workload)
          + " and no longer follows it. Already applied: "
          + t.applied
          + "; that change stays. Ask for its status to see how it went.";
    }
    if (state == TaskState.INPUT_REQUIRED || state == TaskState.AUTH_REQUIRED) {
      return "aino restarted while this task waited for an answer, and forgot the question;"
          + " nothing was changed. Send the intent again.";
    }
    return "aino restarted before this task was done; nothing was changed. Send the intent again.";
  }

  /**
   * Why a task whose server stopped for good failed, and what it had changed; as {@link
   * #interrupted}, but naming the server that stopped.
   */
  private static String orphaned(A2aTask t, TaskState state) {
    String stopped = "server " + t.server + " stopped (its node is DOWN)";
    if (state == TaskState.WORKING && t.applied != null) {
      return stopped
          + " while following "
          + (t.workload == null ? "this change" : t.workload)
          + "; no server follows it any more. Already applied: "
          + t.applied
          + "; that change stays. Ask for its status to see how it went.";
    }
    if (state == TaskState.INPUT_REQUIRED || state == TaskState.AUTH_REQUIRED) {
      return stopped
          + " while this task waited for an answer, and the question went with it;"
          + " nothing was changed. Send the intent again.";
    }
    return stopped + " before this task was done; nothing was changed. Send the intent again.";
  }

  /**
   * The stored task {@code t} (read from {@code stored}) as this server should answer with it: if
   * it is another server's, unfinished, and that server's node is DOWN, adopted and failed;
   * otherwise {@code t} itself. {@code down} caches the node statuses of one read.
   */
  private A2aTask orAdopted(AgentTask stored, A2aTask t, Map<String, Boolean> down) {
    if (t == null || runsHere(t) || t.state().isTerminal()) {
      return t;
    }
    if (!down.computeIfAbsent(t.server, this::nodeDown)) {
      return t;
    }
    A2aTask adopted = adopt(stored, t);
    if (adopted != null) {
      return adopted;
    }
    // Another server adopted it first, or its own server wrote meanwhile: answer what is stored.
    A2aTask now = stored(t.id).map(TaskStore::readOrNull).orElse(null);
    return now == null ? t : now;
  }

  /**
   * The task {@code stored} as {@link #get} answers with it, from that read: adopted and failed
   * when it is an orphan. Package-private so that a test can answer from a read another server's
   * adoption made stale.
   */
  A2aTask answer(AgentTask stored) {
    return orAdopted(stored, readOrNull(stored), new java.util.HashMap<>());
  }

  /** True when the control plane's node lifecycle calls node {@code name} DOWN. */
  private boolean nodeDown(String name) {
    try {
      return store.node(name).map(Node::status).orElse(null) == NodeStatus.DOWN;
    } catch (AinoException | IllegalArgumentException e) {
      LOG.warn("the node of A2A server {} could not be read: {}", name, e.getMessage());
      return false;
    }
  }

  /**
   * Fails the orphaned task {@code t}, read from {@code stored}, and takes it on as this server's,
   * by a compare-and-swap on the revision read: of two servers adopting at once, one wins. Only the
   * winner pushes the failure to the task's push configs.
   *
   * @return the adopted task, now this server's; null when the stored task changed meanwhile
   */
  private A2aTask adopt(AgentTask stored, A2aTask t) {
    TaskState was = t.state();
    String from = t.server;
    // No keeper, no pusher yet: this changes the copy only, the store decides below.
    t.moveTo(TaskState.FAILED, orphaned(t, was), null, clock.instant());
    t.server = server;
    try {
      store.update(storedForm(t, stored.revision()));
    } catch (ConflictException | NotFoundException lost) {
      return null;
    } catch (AinoException e) {
      LOG.warn("orphaned A2A task {} could not be adopted: {}", t.id, e.getMessage());
      return null;
    }
    LOG.info("adopted A2A task {} of stopped server {} and failed it", t.id, from);
    A2aTask mine = tasks.putIfAbsent(t.id, t);
    if (mine != null) {
      return mine;
    }
    t.keptBy(this::write);
    t.pushWith(pusher);
    if (pusher != null) {
      List<PushConfig> configs = t.pushConfigs();
      if (!configs.isEmpty()) {
        pusher.taskChanged(new TaskEvent(t.snapshot(), null), configs);
      }
    }
    return t;
  }

  /**
   * Adopts and fails every unfinished task of a server whose node is DOWN, so that the tasks nobody
   * asks about are finished too and their followers learn it.
   *
   * @return how many tasks this server adopted
   */
  int adoptOrphans() {
    if (server == null) {
      return 0;
    }
    int adopted = 0;
    Map<String, Boolean> down = new java.util.HashMap<>();
    for (AgentTask stored : store.list(ObjectKind.AGENT_TASKS).items()) {
      if (stored.finished() || tasks.containsKey(stored.id())) {
        continue;
      }
      A2aTask t = readOrNull(stored);
      if (t != null && orAdopted(stored, t, down) == tasks.get(t.id)) {
        adopted++;
      }
    }
    return adopted;
  }

  /**
   * Writes a task's current state, unless another server adopted the task meanwhile (it took this
   * server for stopped): read-modify-write with compare-and-swap, so that this server never
   * overwrites the adopter's finished task. A store that fails is logged, and the task goes on in
   * memory.
   *
   * @return null when written (or the store failed); the adopter's task otherwise, which then
   *     supersedes this server's copy
   */
  private A2aTask write(A2aTask t) {
    List<A2aTask> adopted = new ArrayList<>(1);
    try {
      if (server == null) {
        // No other server shares the store, so none can adopt the task: one write, no read.
        store.put(storedForm(t, StoredObject.UNSTORED));
        return null;
      }
      store.update(
          ObjectKind.AGENT_TASKS,
          t.id,
          current -> {
            adopted.clear();
            // The server's name alone decides; the whole task is read only when it is another's.
            String runsOn = current.map(c -> c.document().path("server").asText(null)).orElse(null);
            A2aTask theirs = runsHere(runsOn) ? null : readOrNull(current.get());
            if (theirs != null) {
              adopted.add(theirs);
              return current.get(); // unchanged: not written
            }
            return storedForm(t, current.map(AgentTask::revision).orElse(StoredObject.UNSTORED));
          });
    } catch (AinoException e) {
      LOG.warn("A2A task {} could not be stored: {}", t.id, e.getMessage());
      return null;
    }
    if (adopted.isEmpty()) {
      return null;
    }
    A2aTask theirs = adopted.get(0);
    tasks.remove(t.id, t);
    LOG.warn(
        "A2A task {} was adopted and finished by server {}, which took this server for stopped;"
            + " this server's later changes to it are not stored",
        t.id,
        theirs.server);
    return theirs;
  }

  /** The task as it is now, in its stored form, at {@code revision}. */
  private static AgentTask storedForm(A2aTask t, long revision) {
    return new AgentTask(
        t.id, t.owner, t.contextId, t.state().isTerminal(), t.timestamp(), t.document(), revision);
  }

  private void forget(String id) {
    try {
      store.delete(ObjectKind.AGENT_TASKS, id, StateStore.ANY_REVISION);
    } catch (NotFoundException e) {
      // already gone
    } catch (AinoException e) {
      LOG.warn("expired A2A task {} could not be deleted: {}", id, e.getMessage());
    }
  }

  /**
   * A new task in {@code contextId}.
   *
   * @throws A2aException invalid params when the context holds its maximum of tasks
   */
  synchronized A2aTask create(String contextId, String owner) {
    sweep();
    long inContext = tasks.values().stream().filter(t -> t.contextId.equals(contextId)).count();
    if (inContext >= maxTasksPerContext) {
      throw A2aException.invalidParams(
          "message.contextId",
          "context "
              + contextId
              + " already holds "
              + maxTasksPerContext
              + " tasks, the most one context may hold; start a new context");
    }
    A2aTask t = new A2aTask(A2aTask.newId(), contextId, owner, clock.instant());
    t.server = server;
    tasks.put(t.id, t);
    t.keepWith(this::write);
    t.pushWith(pusher);
    return t;
  }

  /**
   * The caller's task {@code id}.
   *
   * @throws A2aException task not found, also for another caller's task
   */
  A2aTask get(String id, String owner) {
    A2aTask t = tasks.get(id);
    if (t == null) {
      AgentTask stored = stored(id).orElse(null);
      t = stored == null ? null : answer(stored);
    }
    if (t == null || !t.owner.equals(owner) || expired(t, clock.instant())) {
      throw new A2aException(A2aErrorCode.TASK_NOT_FOUND, "task " + id + " was not found");
    }
    return t;
  }

  /**
   * True for a task this server runs; false for a copy of another server's, read from the store,
   * which only its server may change.
   */
  boolean isLocal(A2aTask t) {
    return tasks.get(t.id) == t;
  }

  /**
   * Refuses to change a task another server runs, naming it: its conversation and the change it
   * follows live on that server.
   */
  void requireLocal(A2aTask t, String what) {
    if (!isLocal(t)) {
      throw new A2aException(
          A2aErrorCode.UNSUPPORTED_OPERATION,
          "task "
              + t.id
              + " runs on server "
              + t.server
              + "; "
              + what
              + " there (this server reads and follows it only)");
    }
  }

  /** A task another server runs, kept up to date from the store until the watch is closed. */
  record Followed(A2aTask task, Watch watch) {}

  /**
   * Reads another server's task {@code id} and follows its later writes through the store's watch:
   * each stored change is passed to the copy's listeners as it would be by its own server.
   */
  Followed follow(String id, String owner) {
    AgentTask stored = stored(id).orElse(null);
    A2aTask t = stored == null ? null : readOrNull(stored);
    if (t == null || !t.owner.equals(owner) || expired(t, clock.instant())) {
      throw new A2aException(A2aErrorCode.TASK_NOT_FOUND, "task " + id + " was not found");
    }
    Watch watch =
        store.watch(
            ObjectKind.AGENT_TASKS,
            stored.revision() + 1,
            event -> {
              if (event instanceof WatchEvent.Put<AgentTask> put && put.object().id().equals(id)) {
                A2aTask newer = readOrNull(put.object());
                if (newer != null) {
                  t.followFrom(newer);
                }
              } else if (event instanceof WatchEvent.Relist<AgentTask>) {
                stored(id).map(TaskStore::readOrNull).ifPresent(t::followFrom);
              }
            });
    return new Followed(t, watch);
  }

  private java.util.Optional<AgentTask> stored(String id) {
    try {
      return store.get(ObjectKind.AGENT_TASKS, id);
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty(); // not an id a task can have
    }
  }

  private static A2aTask readOrNull(AgentTask stored) {
    try {
      return TaskDocument.task(stored);
    } catch (RuntimeException e) {
      LOG.warn("stored A2A task {} cannot be read: {}", stored.id(), e.toString());
      return null;
    }
  }

  private boolean runsHere(A2aTask t) {
    return runsHere(t.server);
  }

  /**
   * Whether a task run by {@code taskServer} (null in tasks stored before servers were named) is
   * this server's.
   */
  private boolean runsHere(String taskServer) {
    return server == null || taskServer == null || server.equals(taskServer);
  }

  /** One page of the caller's tasks, most recently changed first. */
  synchronized Page list(
      String owner, String contextId, TaskState state, int pageSize, String pageToken) {
    sweep();
    List<TaskSnapshot> all = new ArrayList<>();
    List<A2aTask> candidates = new ArrayList<>(tasks.values());
    if (server != null) {
      // Other servers' tasks, as they stored them last.
      Instant now = clock.instant();
      Map<String, Boolean> down = new java.util.HashMap<>();
      for (AgentTask stored : store.list(ObjectKind.AGENT_TASKS).items()) {
        if (!tasks.containsKey(stored.id()) && stored.owner().equals(owner)) {
          A2aTask t = orAdopted(stored, readOrNull(stored), down);
          if (t != null && !expired(t, now)) {
            candidates.add(t);
          }
        }
      }
    }
    for (A2aTask t : candidates) {
      if (!t.owner.equals(owner) || (contextId != null && !t.contextId.equals(contextId))) {
        continue;
      }
      TaskSnapshot s = t.snapshot();
      if (state == null || s.state() == state) {
        all.add(s);
      }
    }
    all.sort(
        Comparator.comparing(TaskSnapshot::timestamp).reversed().thenComparing(TaskSnapshot::id));
    int from = pageToken == null || pageToken.isEmpty() ? 0 : offset(pageToken);
    int to = Math.min(all.size(), from + pageSize);
    List<TaskSnapshot> page = from >= all.size() ? List.of() : all.subList(from, to);
    String next = to < all.size() ? token(to) : "";
    return new Page(page, next, all.size());
  }

  /** A page of tasks and the token of the next one ({@code ""} on the last page). */
  record Page(List<TaskSnapshot> tasks, String nextPageToken, int totalSize) {}

  private static String token(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith("offset:")) {
        int o = Integer.parseInt(s.substring("offset:".length()));
        if (o >= 0) {
          return o;
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw A2aException.invalidParams(
        "pageToken", "is not a token this agent gave out; send the nextPageToken of a page");
  }

  private boolean expired(A2aTask t, Instant now) {
    return t.state().isTerminal() && t.timestamp().plus(retention).isBefore(now);
  }

  private void sweep() {
    Instant now = clock.instant();
    for (A2aTask t : List.copyOf(tasks.values())) {
      if (expired(t, now)) {
        tasks.remove(t.id);
        forget(t.id);
      }
    }
  }
}
