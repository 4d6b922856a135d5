package dev.aino.runtime.simulated;

import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogSubscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers followed logs of simulated containers. Simulated lines appear as the clock passes rather
 * than being written by anyone, so one periodic task checks every follower for newly visible lines;
 * it runs only while someone follows.
 */
final class LogFollowers {
  private static final Logger LOG = LoggerFactory.getLogger(LogFollowers.class);

  private final Clock clock;
  private final Duration interval;
  private final Supplier<ScheduledExecutorService> scheduler;
  private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
  private ScheduledFuture<?> task;

  LogFollowers(Clock clock, Duration interval, Supplier<ScheduledExecutorService> scheduler) {
    this.clock = clock;
    this.interval = interval;
    this.scheduler = scheduler;
  }

  LogSubscription follow(SimulatedContainer container, Instant since, Consumer<LogLine> consumer) {
    Follower follower = new Follower(container, since, consumer);
    followers.add(follower);
    ensureRunning();
    return follower::close;
  }

  private synchronized void ensureRunning() {
    if (task == null) {
      long nanos = interval.toNanos();
      task = scheduler.get().scheduleWithFixedDelay(this::tick, 0, nanos, TimeUnit.NANOSECONDS);
    }
  }

  private void tick() {
    Instant now = clock.instant();
    for (Follower follower : followers) {
      try {
        follower.deliver(now);
      } catch (RuntimeException e) {
        LOG.warn("a log follower of {} failed; it stops", follower.container.handle(), e);
        follower.close();
      }
    }
    synchronized (this) {
      if (followers.isEmpty() && task != null) {
        task.cancel(false);
        task = null;
      }
    }
  }

  /** One subscription: remembers how many visible lines it has handed on. */
  private final class Follower {
    private final SimulatedContainer container;
    private final Instant since;
    private final Consumer<LogLine> consumer;
    private int delivered;
    private volatile boolean closed;

    Follower(SimulatedContainer container, Instant since, Consumer<LogLine> consumer) {
      this.container = container;
      this.since = since;
      this.consumer = consumer;
    }

    /** Runs on the scheduler only, so {@code delivered} needs no lock. */
    void deliver(Instant now) {
      boolean ended = container.status(now).hasEnded();
      List<LogLine> lines = container.lines(now);
      for (; delivered < lines.size() && !closed; delivered++) {
        LogLine line = lines.get(delivered);
        if (since == null || !line.timestamp().isBefore(since)) {
          consumer.accept(line);
        }
      }
      if (ended) {
        close(); // every line an ended container will ever print has been handed on
      }
    }

    void close() {
      closed = true;
      followers.remove(this);
    }
  }
}
