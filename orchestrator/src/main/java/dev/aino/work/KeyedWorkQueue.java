package dev.aino.work;

import dev.aino.error.AinoException;
import dev.aino.error.ConflictException;
import dev.aino.retry.Backoff;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler for keys, as client-go's and controller-runtime's work queues do:
 *
 * <ul>
 *   <li>a key waits in the queue at most once, however often it is added, and keys are handled in
 *       the order they were first added;
 *   <li>one key is never handled by two workers at once; added while it is handled, it is handled
 *       once more afterwards, so the last add is always seen;
 *   <li>a handler that throws has its key handled again after the key's next {@link Backoff} delay
 *       (counted per key, in a row); a handler that returns forgets the key's failures, and may ask
 *       for the key again after a delay;
 *   <li>after {@link #shutDown()} nothing more is handled; handlers already running finish.
 * </ul>
 *
 * <p>At most {@code parallelism} keys are handled at once, on an executor that may be shared with
 * other queues (a simulation of thousands of node agents in one process shares one), so a queue
 * owns no threads: a worker is an executor task that handles ready keys until none is left.
 *
 * @param <K> the key, e.g. a workload name or an instance id; equal keys are one key
 */
public final class KeyedWorkQueue<K> {
  private static final Logger LOG = LoggerFactory.getLogger(KeyedWorkQueue.class);

  /** What the queue does with a key. */
  @FunctionalInterface
  public interface Handler<K> {
    /**
     * Brings {@code key} up to date, reading what is current (level-triggered: handling a key again
     * when nothing changed changes nothing).
     *
     * @return when to handle the key again even if nobody adds it, or null
     * @throws Exception to have the key handled again after its next back-off
     */
    Duration handle(K key) throws Exception;
  }

  private final String name;
  private final Handler<K> handler;
  private final Backoff backoff;
  private final Executor workers;
  private final int parallelism;
  private final DelayTimer timer;
  private final LinkedHashSet<K> ready = new LinkedHashSet<>();
  private final Set<K> running = new HashSet<>();
  private final Set<K> addedWhileRunning = new HashSet<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private int activeWorkers;
  private boolean started;
  private boolean shutDown;

  /**
   * A queue that handles nothing until {@link #start()}.
   *
   * @param name what the log lines of failed keys begin with, e.g. {@code agent node-1}
   * @param backoff the delay before a failed key is handled again
   * @param workers runs the workers; may be shared, and may block in the handler
   * @param parallelism how many keys may be handled at once, at least 1
   * @param timer brings keys back after {@link #addAfter} and after failures
   */
  public KeyedWorkQueue(
      String name,
      Handler<K> handler,
      Backoff backoff,
      Executor workers,
      int parallelism,
      DelayTimer timer) {
    this.name = Objects.requireNonNull(name, "name");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.timer = Objects.requireNonNull(timer, "timer");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.parallelism = parallelism;
  }

  /** Starts handling keys, those added before first. Idempotent; no effect after shutdown. */
  public void start() {
    synchronized (this) {
      if (shutDown) {
        return;
      }
      started = true;
    }
    dispatch();
  }

  /** Queues {@code key} unless it is queued already; a key being handled is handled again after. */
  public void add(K key) {
    Objects.requireNonNull(key, "key");
    synchronized (this) {
      if (shutDown) {
        return;
      }
      if (running.contains(key)) {
        addedWhileRunning.add(key);
        return;
      }
      if (!ready.add(key)) {
        return;
      }
    }
    dispatch();
  }

  /** Queues {@code key} once {@code delay} has passed; at once when it is zero or negative. */
  public void addAfter(K key, Duration delay) {
    Objects.requireNonNull(key, "key");
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    synchronized (this) {
      if (shutDown) {
        return;
      }
    }
    timer.schedule(() -> add(key), delay);
  }

  /** How many times in a row the handler of {@code key} failed; 0 after it succeeded. */
  public synchronized int failures(K key) {
    return failures.getOrDefault(key, 0);
  }

  /** Keys waiting to be handled (not those being handled, nor those waiting for a delay). */
  public synchronized int size() {
    return ready.size();
  }

  /** True when no key waits or is being handled (keys waiting for a delay do not count). */
  public synchronized boolean isIdle() {
    return ready.isEmpty() && running.isEmpty();
  }

  /**
   * Stops handling keys: queued and later added keys are dropped, and a key added while it was
   * being handled is not handled again. Handlers already running finish ({@link #awaitIdle}).
   */
  public synchronized void shutDown() {
    shutDown = true;
    ready.clear();
    addedWhileRunning.clear();
    notifyAll();
  }

  /**
   * Waits until no worker of this queue runs, at most {@code timeout}; for a queue on a shared
   * executor, whose owner cannot wait for the executor to end.
   *
   * @return true when no worker runs
   */
  public synchronized boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (activeWorkers > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return activeWorkers == 0;
    }
  }

  private void dispatch() {
    synchronized (this) {
      if (!started || shutDown || ready.isEmpty() || activeWorkers >= parallelism) {
        return;
      }
      activeWorkers++;
    }
    try {
      workers.execute(this::work);
    } catch (RejectedExecutionException stopping) {
      workerLeft();
    }
  }

  /** One worker: handles ready keys until none is left. */
  private void work() {
    boolean left = false;
    try {
      K key;
      while ((key = takeOrLeave()) != null) {
        dispatch(); // more keys may be ready: let another worker take them
        handle(key);
      }
      left = true;
    } finally {
      if (!left) {
        // The handler threw an Error, which ends this worker: count it out and let another one
        // take the keys still ready, so that one broken key cannot stop the queue.
        workerLeft();
        dispatch();
      }
    }
  }

  /** The next ready key, now being handled; or null, having counted this worker out. */
  private synchronized K takeOrLeave() {
    Iterator<K> next = ready.iterator();
    if (shutDown || !next.hasNext()) {
      activeWorkers--;
      notifyAll();
      return null;
    }
    K key = next.next();
    next.remove();
    running.add(key);
    return key;
  }

  private synchronized void workerLeft() {
    activeWorkers--;
    notifyAll();
  }

  private void handle(K key) {
    Duration again = null;
    boolean succeeded = false;
    try {
      again = handler.handle(key);
      succeeded = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      retry(key, e);
    } catch (Exception e) {
      retry(key, e);
    } finally {
      synchronized (this) {
        running.remove(key);
        if (succeeded) {
          failures.remove(key);
        }
        if (addedWhileRunning.remove(key)) {
          ready.add(key); // the worker handling this key takes it next, or another one
        }
      }
    }
    if (again != null) {
      addAfter(key, again);
    }
  }

  private void retry(K key, Exception e) {
    Duration delay;
    synchronized (this) {
      if (shutDown) {
        return;
      }
      delay = backoff.delay(failures.merge(key, 1, Integer::sum));
    }
    addAfter(key, delay);
    if (e instanceof ConflictException) {
      // A lost compare-and-swap race: the retry reads the winner's write. Routine under load.
      LOG.debug("{}: {} lost a race, retrying in {}: {}", name, key, delay, e.getMessage());
    } else if (e instanceof AinoException) {
      LOG.warn("{}: {} failed, retrying in {}: {}", name, key, delay, e.getMessage());
      LOG.debug("{}: {} failed", name, key, e);
    } else {
      LOG.warn("{}: {} failed, retrying in {}", name, key, delay, e);
    }
  }
}
