package dev.aino.intent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's memory of recent conversations: which workload each last touched ("it") and what
 * waits for an answer or a yes. Bounded in number and idle time, so a client that opens a
 * conversation per message cannot grow it without limit; the least recently used goes first.
 */
final class Conversations {
  static final int DEFAULT_MAX = 1000;
  static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);

  private final int max;
  private final Duration idle;
  private final Clock clock;
  private final LinkedHashMap<String, Conversation> byId = new LinkedHashMap<>(16, 0.75f, true);

  Conversations(int max, Duration idle, Clock clock) {
    if (max < 1 || idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("max and idle must be positive");
    }
    this.max = max;
    this.idle = idle;
    this.clock = clock;
  }

  /** The conversation {@code id}, or a new one (under {@code id}, or a fresh id when null). */
  synchronized Conversation open(String id) {
    Instant now = clock.instant();
    expire(now);
    String key = id == null ? ConversationId.random() : id;
    Conversation c = byId.get(key);
    if (c == null) {
      c = new Conversation(key);
      byId.put(key, c);
      if (byId.size() > max) {
        Iterator<String> eldest = byId.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    c.lastUsed = now;
    return c;
  }

  synchronized int size() {
    return byId.size();
  }

  private void expire(Instant now) {
    Instant cutoff = now.minus(idle);
    Iterator<Map.Entry<String, Conversation>> it = byId.entrySet().iterator();
    // Access order: the eldest comes first, so the sweep stops at the first recent one.
    while (it.hasNext()) {
      Map.Entry<String, Conversation> e = it.next();
      if (e.getValue().lastUsed.isBefore(cutoff)) {
        it.remove();
      } else {
        break;
      }
    }
  }

  /** One conversation; callers hold its monitor while they read and change it. */
  static final class Conversation {
    final String id;
    Instant lastUsed = Instant.EPOCH;

    /** The workload the conversation last touched, for "it" and "that". */
    String lastWorkload;

    /** The intent of the last plan or question, which a "yes" or an answer continues. */
    Intent pending;

    /** What the last question asked for; empty after a plan. */
    List<String> missing = List.of();

    /**
     * The workload the pending plan was made from; a yes applies it only if the workload is still
     * at that generation. Null when nothing is pending or the plan read no workload.
     */
    PlanBasis pendingBasis;

    Conversation(String id) {
      this.id = id;
    }
  }
}
