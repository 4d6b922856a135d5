package dev.aino.agent;

import dev.aino.retry.Backoff;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler for keys, as controller-runtime's work queue does: a key waits in the queue at
 * most once however often it is added, one key is never handled twice at the same time (added while
 * running, it runs once more afterwards), and a handler that throws is retried with exponential
 * back-off. At most {@code parallelism} keys run at once, on a possibly shared executor.
 */
final class KeyedWorkQueue {
  private static final Logger LOG = LoggerFactory.getLogger(KeyedWorkQueue.class);
  private static final Backoff RETRY = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(30));

  private final String name;
  private final Consumer<String> handler;
  private final Executor executor;
  private final ScheduledExecutorService timer;
  private final int parallelism;
  private final LinkedHashSet<String> ready = new LinkedHashSet<>();
  private final Set<String> running = new HashSet<>();
  private final Set<String> again = new HashSet<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private int activeWorkers;
  private boolean closed;

  KeyedWorkQueue(
      String name,
      Consumer<String> handler,
      Executor executor,
      ScheduledExecutorService timer,
      int parallelism) {
    this.name = name;
    this.handler = handler;
    this.executor = executor;
    this.timer = timer;
    this.parallelism = parallelism;
  }

  /** Queues {@code key} unless it is queued already. */
  void add(String key) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (running.contains(key)) {
        again.add(key);
        return;
      }
      ready.add(key);
    }
    dispatch();
  }

  /** Queues {@code key} after {@code delay}. */
  void addAfter(String key, Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    try {
      timer.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Shutting down: the key will be synced when the agent starts again.
    }
  }

  /** Stops taking keys; running handlers finish. */
  synchronized void close() {
    closed = true;
    ready.clear();
  }

  /** Waits until no handler runs, at most {@code millis}; for a queue on a shared executor. */
  synchronized void awaitIdle(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    try {
      while (activeWorkers > 0) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return;
        }
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void dispatch() {
    synchronized (this) {
      if (activeWorkers >= parallelism || ready.isEmpty() || closed) {
        return;
      }
      activeWorkers++;
    }
    try {
      executor.execute(this::work);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        activeWorkers--;
      }
    }
  }

  private void work() {
    while (true) {
      String key;
      synchronized (this) {
        Iterator<String> next = ready.iterator();
        if (closed || !next.hasNext()) {
          activeWorkers--;
          notifyAll();
          return;
        }
        key = next.next();
        next.remove();
        running.add(key);
      }
      dispatch(); // more keys are ready: let another worker take them
      boolean ok = run(key);
      synchronized (this) {
        running.remove(key);
        if (again.remove(key)) {
          ready.add(key);
        }
        if (ok) {
          failures.remove(key);
        }
      }
    }
  }

  private boolean run(String key) {
    try {
      handler.accept(key);
      return true;
    } catch (RuntimeException e) {
      Duration delay = retryDelay(key);
      LOG.warn("{}: syncing {} failed, retrying in {}: {}", name, key, delay, e.getMessage());
      LOG.debug("{}: syncing {} failed", name, key, e);
      addAfter(key, delay);
      return false;
    }
  }

  private synchronized Duration retryDelay(String key) {
    return RETRY.delay(failures.merge(key, 1, Integer::sum));
  }
}
