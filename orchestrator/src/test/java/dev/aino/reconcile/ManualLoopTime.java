package dev.aino.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link LoopTime} that moves only when a test calls {@link #advance}: a thread's sleep ends, and
 * a wait on a monitor times out, only then, so whether the controller's ticker or scheduling thread
 * has run is decided by the test, not by the machine's load. It records who slept how long and
 * which timeouts the waits had. Thread-safe; the threads are told apart by name.
 */
final class ManualLoopTime implements LoopTime {
  /** Not zero, so that a duration computed as a sum instead of a difference shows. */
  private long now = Duration.ofHours(1).toNanos();

  private final Map<String, List<Duration>> sleeps = new HashMap<>();
  private final Set<String> sleeping = new HashSet<>();

  /** The waits going on, each by a token of its own (identity): the monitor and the deadline. */
  private final Map<Object, Wait> waits = new IdentityHashMap<>();

  private final List<Duration> waitTimeouts = new ArrayList<>();

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  @Override
  public synchronized void sleep(Duration duration) throws InterruptedException {
    String me = Thread.currentThread().getName();
    long until = now + duration.toNanos();
    sleeps.computeIfAbsent(me, n -> new ArrayList<>()).add(duration);
    sleeping.add(me);
    try {
      while (now < until) {
        wait();
      }
    } finally {
      sleeping.remove(me);
    }
  }

  /**
   * Waits on {@code monitor} (whose lock the caller holds) until it is notified, or until {@link
   * #advance} reaches the deadline and notifies it. Locks: the monitor, then this.
   */
  @Override
  public void await(Object monitor, Duration timeout) throws InterruptedException {
    Object token = new Object();
    synchronized (this) {
      waits.put(token, new Wait(monitor, now + timeout.toNanos()));
      waitTimeouts.add(timeout);
    }
    try {
      monitor.wait();
    } finally {
      synchronized (this) {
        waits.remove(token);
      }
    }
  }

  private record Wait(Object monitor, long until) {}

  /** Moves time on, ends the sleeps and the waits it reaches, and returns the new time. */
  long advance(Duration by) {
    Map<Object, Object> due = new IdentityHashMap<>();
    synchronized (this) {
      now += by.toNanos();
      notifyAll();
      waits.forEach(
          (token, wait) -> {
            if (wait.until() <= now) {
              due.put(token, wait.monitor());
            }
          });
    }
    due.forEach(
        (token, monitor) -> {
          // The waiting thread holds the monitor from registering until it waits, and again when it
          // leaves: a wait still registered here is waiting, and a later one is not woken.
          synchronized (monitor) {
            if (stillWaiting(token)) {
              monitor.notifyAll();
            }
          }
        });
    return nanoTime();
  }

  private synchronized boolean stillWaiting(Object token) {
    return waits.containsKey(token);
  }

  /** The sleeps {@code thread} began so far, in order. */
  synchronized List<Duration> sleepsOf(String thread) {
    return List.copyOf(sleeps.getOrDefault(thread, List.of()));
  }

  synchronized boolean isSleeping(String thread) {
    return sleeping.contains(thread);
  }

  /** True while some thread waits on a monitor. */
  synchronized boolean isWaiting() {
    return !waits.isEmpty();
  }

  /** The timeouts of the waits begun so far, in order. */
  synchronized List<Duration> waitTimeouts() {
    return List.copyOf(waitTimeouts);
  }
}
