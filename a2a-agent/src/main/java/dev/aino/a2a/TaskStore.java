package dev.aino.a2a;

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

/**
 * The agent's tasks in this server's memory: each caller sees only its own, finished tasks are kept
 * for a bounded time and then forgotten, and one context holds a bounded number of tasks, so no
 * client can grow the server without end.
 */
final class TaskStore {
  private final Map<String, A2aTask> tasks = new ConcurrentHashMap<>();
  private final Duration retention;
  private final int maxTasksPerContext;
  private final Clock clock;

  TaskStore(Duration retention, int maxTasksPerContext, Clock clock) {
    this.retention = retention;
    this.maxTasksPerContext = maxTasksPerContext;
    this.clock = clock;
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
    tasks.put(t.id, t);
    return t;
  }

  /**
   * The caller's task {@code id}.
   *
   * @throws A2aException task not found, also for another caller's task
   */
  A2aTask get(String id, String owner) {
    A2aTask t = tasks.get(id);
    if (t == null || !t.owner.equals(owner) || expired(t, clock.instant())) {
      throw new A2aException(A2aErrorCode.TASK_NOT_FOUND, "task " + id + " was not found");
    }
    return t;
  }

  /** One page of the caller's tasks, most recently changed first. */
  synchronized Page list(
      String owner, String contextId, TaskState state, int pageSize, String pageToken) {
    sweep();
    List<TaskSnapshot> all = new ArrayList<>();
    for (A2aTask t : tasks.values()) {
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
    tasks.values().removeIf(t -> expired(t, now));
  }
}
