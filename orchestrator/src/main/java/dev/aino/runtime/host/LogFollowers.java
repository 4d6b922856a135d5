package dev.aino.runtime.host;

import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogSubscription;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The followers of one container's log: lines are queued per follower as they are collected ({@link
 * #offer}) and handed to the consumers by {@link #deliver}, on the collector's thread and outside
 * any lock that collection takes, so a slow consumer cannot stall collection. Once {@link #finish}
 * was called, a follower is closed as soon as it has been handed every line.
 *
 * <p>Thread-safe: the queues, the follower set and the finished flag are guarded by this object.
 */
final class LogFollowers {
  private static final Logger LOG = LoggerFactory.getLogger(LogFollowers.class);

  private final String owner;
  private final List<Follower> followers = new ArrayList<>();
  private boolean finished;

  /**
   * @param owner names the container in the warning about a failing consumer
   */
  LogFollowers(String owner) {
    this.owner = owner;
  }

  /**
   * Adds a follower of the lines from {@code since} on (null: all), with {@code backlog} queued
   * first.
   */
  synchronized LogSubscription add(
      Instant since, Consumer<LogLine> consumer, List<LogLine> backlog) {
    Follower follower = new Follower(since, consumer);
    backlog.forEach(follower::offer);
    followers.add(follower);
    return follower;
  }

  /** Queues freshly collected lines for every follower. */
  synchronized void offer(List<LogLine> lines) {
    for (Follower follower : followers) {
      lines.forEach(follower::offer);
    }
  }

  /** No line will be offered any more: followers end once they have been handed every line. */
  synchronized void finish() {
    finished = true;
  }

  synchronized boolean isEmpty() {
    return followers.isEmpty();
  }

  /**
   * Hands every follower the lines queued for it; a follower whose consumer throws is dropped, and
   * after {@link #finish} every follower is closed once served.
   */
  void deliver() {
    List<Follower> current;
    synchronized (this) {
      current = new ArrayList<>(followers);
    }
    for (Follower follower : current) {
      List<LogLine> batch;
      boolean last;
      synchronized (this) {
        batch = new ArrayList<>(follower.pending);
        follower.pending.clear();
        last = finished;
      }
      try {
        for (LogLine line : batch) {
          if (follower.closed) {
            break;
          }
          follower.consumer.accept(line);
        }
      } catch (RuntimeException e) {
        LOG.warn("a log follower of {} failed and is dropped", owner, e);
        follower.close();
      }
      if (last) {
        follower.close();
      }
    }
  }

  /** Ends every subscription at once, delivered or not. */
  synchronized void closeAll() {
    for (Follower follower : followers) {
      follower.closed = true;
    }
    followers.clear();
  }

  /** One subscription; its pending lines are guarded by the enclosing {@link LogFollowers}. */
  private final class Follower implements LogSubscription {
    private final Instant since;
    private final Consumer<LogLine> consumer;
    private final ArrayDeque<LogLine> pending = new ArrayDeque<>();
    private volatile boolean closed;

    Follower(Instant since, Consumer<LogLine> consumer) {
      this.since = since;
      this.consumer = consumer;
    }

    void offer(LogLine line) {
      if (since == null || !line.timestamp().isBefore(since)) {
        pending.add(line);
      }
    }

    @Override
    public void close() {
      closed = true;
      synchronized (LogFollowers.this) {
        followers.remove(this);
        pending.clear();
      }
    }
  }
}
