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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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

  /**
   * Guards the sets and counts below. The controller's watch thread adds a key for every change
   * while the workers take and finish keys, so a worker takes it once per key (finishing one key
   * and taking the next together).
   */
  private final ReentrantLock lock = new ReentrantLock();

  private final Condition workerLeft = lock.newCondition();
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
    boolean another;
    lock.lock();
    try {
      if (shutDown) {
        return;
      }
      started = true;
      another = claimWorker();
    } finally {
      lock.unlock();
    }
    if (another) {
      startWorker();
    }
  }

  /** Queues {@code key} unless it is queued already; a key being handled is handled again after. */
  public void add(K key) {
    Objects.requireNonNull(key, "key");
    boolean another;
    lock.lock();
    try {
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
      // In the same critical section: the watch thread adds a key for every change.
      another = claimWorker();
    } finally {
      lock.unlock();
    }
    if (another) {
      startWorker();
    }
  }

  /** Queues {@code key} once {@code delay} has passed; at once when it is zero or negative. */
  public void addAfter(K key, Duration delay) {
    Objects.requireNonNull(key, "key");
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    if (isShutDown()) {
      return;
    }
    timer.schedule(() -> add(key), delay);
  }

  /** How many times in a row the handler of {@code key} failed; 0 after it succeeded. */
  public int failures(K key) {
    lock.lock();
    try {
      return failures.getOrDefault(key, 0);
    } finally {
      lock.unlock();
    }
  }

  /** Keys waiting to be handled (not those being handled, nor those waiting for a delay). */
  public int size() {
    lock.lock();
    try {
      return ready.size();
    } finally {
      lock.unlock();
    }
  }

  /** True when no key waits or is being handled (keys waiting for a delay do not count). */
  public boolean isIdle() {
    lock.lock();
    try {
      return ready.isEmpty() && running.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops handling keys: queued and later added keys are dropped, and a key added while it was
   * being handled is not handled again. Handlers already running finish ({@link #awaitIdle}).
   */
  public void shutDown() {
    lock.lock();
    try {
      shutDown = true;
      ready.clear();
      addedWhileRunning.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until no worker of this queue runs, at most {@code timeout}; for a queue on a shared
   * executor, whose owner cannot wait for the executor to end.
   *
   * @return true when no worker runs
   */
  public boolean awaitIdle(Duration timeout) {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (activeWorkers > 0) {
        if (left <= 0) {
          return false;
        }
        left = workerLeft.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return activeWorkers == 0;
    } finally {
      lock.unlock();
    }
  }

  private boolean isShutDown() {
    lock.lock();
    try {
      return shutDown;
    } finally {
      lock.unlock();
    }
  }

  private void dispatch() {
    boolean another;
    lock.lock();
    try {
      another = claimWorker();
    } finally {
      lock.unlock();
    }
    if (another) {
      startWorker();
    }
  }

  /**
   * With the lock held: counts one more worker when keys are ready and fewer than {@code
   * parallelism} run; the caller then starts it with {@link #startWorker()} outside the lock.
   */
  private boolean claimWorker() {
    if (!started || shutDown || ready.isEmpty() || activeWorkers >= parallelism) {
      return false;
    }
    activeWorkers++;
    return true;
  }

  /** Runs a worker already counted in {@link #activeWorkers}. */
  private void startWorker() {
    try {
      workers.execute(this::work);
    } catch (RejectedExecutionException stopping) {
      lock.lock();
      try {
        activeWorkers--;
        workerLeft.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** One worker: handles ready keys until none is left. */
  private void work() {
    K key = finishAndTakeNext(null, false);
    while (key != null) {
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
      } catch (Error e) {
        // It ends this worker: finish the key and count the worker out, and let another worker
        // take the keys still ready, so that one broken key cannot stop the queue.
        abandon(key);
        dispatch();
        throw e;
      }
      K handled = key;
      key = finishAndTakeNext(handled, succeeded);
      if (again != null) {
        addAfter(handled, again);
      }
    }
  }

  /**
   * Finishes {@code done} (unless null) and takes the next ready key, in one critical section, so
   * that a worker takes the lock once per key; returns null when no key is ready, having counted
   * this worker out. Starts one more worker when keys are still ready and fewer than {@code
   * parallelism} run.
   */
  private K finishAndTakeNext(K done, boolean succeeded) {
    K key;
    boolean another;
    lock.lock();
    try {
      if (done != null) {
        finish(done, succeeded);
      }
      Iterator<K> next = ready.iterator();
      if (shutDown || !next.hasNext()) {
        activeWorkers--;
        workerLeft.signalAll();
        return null;
      }
      key = next.next();
      next.remove();
      running.add(key);
      another = claimWorker();
    } finally {
      lock.unlock();
    }
    if (another) {
      startWorker();
    }
    return key;
  }

  /**
   * With the lock held: {@code key} is no longer handled; if it was added meanwhile, it is ready.
   */
  private void finish(K key, boolean succeeded) {
    running.remove(key);
    if (succeeded) {
      failures.remove(key);
    }
    if (addedWhileRunning.remove(key)) {
      ready.add(key);
    }
  }

  private void abandon(K key) {
    lock.lock();
    try {
      finish(key, false);
      activeWorkers--;
      workerLeft.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void retry(K key, Exception e) {
    Duration delay;
    lock.lock();
    try {
      if (shutDown) {
        return;
      }
      delay = backoff.delay(failures.merge(key, 1, Integer::sum));
    } finally {
      lock.unlock();
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
