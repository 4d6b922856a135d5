package dev.aino.store.spi;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher's outbox: changes are queued by whoever produces them (a writer, a network thread)
 * and handed to the listener in order on a pool thread, one call at a time. Producers never wait
 * for the listener. A watcher that falls more than {@code maxPending} changes behind is ended with
 * a relist, so a stuck listener cannot exhaust memory.
 */
public final class WatchDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(WatchDelivery.class);
  private static final AtomicLong THREADS = new AtomicLong();

  private final String name;
  private final KvChangeListener listener;
  private final int maxPending;
  private final Executor executor;
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();

  /**
   * @param name what is watched, for log lines
   * @param listener receives the changes
   * @param maxPending how many undelivered changes are tolerated before the watch must relist
   * @param executor runs deliveries; a pool shared by many watches
   */
  public WatchDelivery(String name, KvChangeListener listener, int maxPending, Executor executor) {
    this.name = name;
    this.listener = listener;
    this.maxPending = maxPending;
    this.executor = executor;
  }

  /** A pool of daemon threads for deliveries, named {@code aino-watch-N}. */
  public static ExecutorService newPool() {
    return Executors.newCachedThreadPool(
        r -> {
          Thread t = new Thread(r, "aino-watch-" + THREADS.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Queues changes for the listener. Returns false, and ends the watch with a relist at {@code
   * latestRevision}, when that would put the watcher more than {@code maxPending} changes behind;
   * returns false without effect once the watch has ended.
   */
  public boolean offer(List<KvChange> changes, long latestRevision) {
    if (ended.get()) {
      return false;
    }
    if (changes.isEmpty()) {
      return true;
    }
    if (pending.addAndGet(changes.size()) > maxPending) {
      relist("watcher fell more than " + maxPending + " changes behind", latestRevision);
      return false;
    }
    List<KvChange> batch = List.copyOf(changes);
    enqueue(
        () -> {
          pending.addAndGet(-batch.size());
          listener.onChanges(batch);
        });
    return true;
  }

  /**
   * Ends the watch: the listener is told to relist after the changes already queued. Only the first
   * call of {@code relist} or {@link #close} has an effect.
   */
  public void relist(String reason, long currentRevision) {
    if (ended.compareAndSet(false, true)) {
      enqueue(() -> listener.onRelist(reason, currentRevision));
    }
  }

  /** Ends the watch without telling the listener; queued changes are dropped. */
  public void close() {
    ended.set(true);
    queue.clear();
  }

  /** True once the watch was closed or told to relist. */
  public boolean ended() {
    return ended.get();
  }

  private void enqueue(Runnable delivery) {
    queue.add(delivery);
    if (draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        draining.set(false); // the store is closing; nobody is listening any more
      }
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      while ((next = queue.poll()) != null) {
        try {
          next.run();
        } catch (RuntimeException e) {
          LOG.warn("watch listener on '{}' failed; continuing", name, e);
        }
      }
      draining.set(false);
      // A producer may have queued after the poll above but seen draining still set.
      if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
        return;
      }
    }
  }
}
