package dev.aino.reconcile;

import dev.aino.retry.Backoff;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of keys to reconcile, shaped like client-go's work queue: a key waiting twice is queued
 * once; a key being processed is never handed to a second worker, and if it is added meanwhile it
 * is queued again when the first worker is done; failures come back after an exponential backoff.
 *
 * @param <K> key type, e.g. a workload name
 */
public final class WorkQueue<K> {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final LinkedHashSet<K> queue = new LinkedHashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Set<K> dirty = new HashSet<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private final DelayQueue<DelayedKey<K>> delayed = new DelayQueue<>();
  private final Backoff backoff;
  private boolean shutDown;

  /**
   * @param baseDelay backoff after the first failure (controller-runtime uses 5 ms)
   * @param maxDelay backoff cap
   */
  public WorkQueue(Duration baseDelay, Duration maxDelay) {
    this.backoff = new Backoff(baseDelay, maxDelay);
  }

  /** Queues a key unless it is queued already; a key in process is re-queued when done. */
  public void add(K key) {
    lock.lock();
    try {
      if (shutDown || dirty.contains(key)) {
        return;
      }
      dirty.add(key);
      if (!processing.contains(key)) {
        queue.add(key);
        available.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Queues a key after a delay. */
  public void addAfter(K key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    lock.lock();
    try {
      if (!shutDown) {
        delayed.add(new DelayedKey<>(key, System.nanoTime() + delay.toNanos()));
        available.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Queues a key after its next backoff: base × 2^(failures), capped. */
  public Duration addRateLimited(K key) {
    Duration delay;
    lock.lock();
    try {
      delay = backoff.delay(failures.merge(key, 1, Integer::sum));
    } finally {
      lock.unlock();
    }
    addAfter(key, delay);
    return delay;
  }

  /** Clears a key's failure count after it succeeded. */
  public void forget(K key) {
    lock.lock();
    try {
      failures.remove(key);
    } finally {
      lock.unlock();
    }
  }

  /** How often the key failed in a row. */
  public int failures(K key) {
    lock.lock();
    try {
      return failures.getOrDefault(key, 0);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the next key, waiting up to {@code timeout}; empty on timeout or shutdown. The caller
   * must call {@link #done} with it.
   */
  public Optional<K> take(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        promoteDueKeys();
        if (shutDown) {
          return Optional.empty();
        }
        if (!queue.isEmpty()) {
          K key = queue.iterator().next();
          queue.remove(key);
          dirty.remove(key);
          processing.add(key);
          return Optional.of(key);
        }
        long wait = deadline - System.nanoTime();
        if (wait <= 0) {
          return Optional.empty();
        }
        DelayedKey<K> next = delayed.peek();
        if (next != null) {
          wait = Math.min(wait, Math.max(1, next.dueNanos - System.nanoTime()));
        }
        available.awaitNanos(wait);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Marks a key processed; if it was added meanwhile, it is queued again. */
  public void done(K key) {
    lock.lock();
    try {
      processing.remove(key);
      if (dirty.contains(key)) {
        queue.add(key);
        available.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Keys waiting (not counting delayed ones or those in process). */
  public int size() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes all takers; they get nothing from now on. */
  public void shutDown() {
    lock.lock();
    try {
      shutDown = true;
      available.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void promoteDueKeys() {
    DelayedKey<K> due;
    while ((due = delayed.poll()) != null) {
      K key = due.key;
      if (!dirty.contains(key)) {
        dirty.add(key);
        if (!processing.contains(key)) {
          queue.add(key);
        }
      }
    }
  }

  private static final class DelayedKey<K> implements Delayed {
    private final K key;
    private final long dueNanos;

    DelayedKey(K key, long dueNanos) {
      this.key = key;
      this.dueNanos = dueNanos;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
