package dev.aino.reconcile;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.metrics.Metrics;
import dev.aino.metrics.ReconcileResult;
import dev.aino.model.Instance;
import dev.aino.retry.Backoff;
import dev.aino.scheduler.Scheduler;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.work.DelayTimer;
import dev.aino.work.KeyedWorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's loop. It keeps a watch-fed {@link ClusterCache}, queues a workload whenever
 * it or one of its instances changes, and runs three kinds of work:
 *
 * <ul>
 *   <li>workers take workload names off the {@link KeyedWorkQueue} and run the {@link
 *       WorkloadReconciler} (never two at once for one name; failures back off exponentially);
 *   <li>one scheduling thread places every unplaced instance in a pass ({@link
 *       UnplacedInstancePlacer}), woken when instances become unplaced or capacity changes;
 *   <li>a ticker checks node heartbeats ({@link NodeLifecycle}) and resyncs every workload
 *       periodically, catching anything a watch missed.
 * </ul>
 *
 * Nothing runs while the {@link LeaderGate} says another server leads.
 */
public final class Controller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
  private static final long MAX_SCHEDULING_PAUSE_NANOS = Duration.ofSeconds(1).toNanos();

  private final StateStore store;
  private final ControllerConfig config;
  private final Clock clock;
  private final LoopTime time;
  private final LeaderGate gate;
  private final Metrics metrics;
  private final ClusterCache cache;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final KeyedWorkQueue<String> queue;
  private final WorkloadReconciler reconciler;
  private final UnplacedInstancePlacer scheduling;
  private final NodeLifecycle lifecycle;
  private final List<Thread> threads = new ArrayList<>();
  private final Object schedulingSignal = new Object();
  private final AtomicBoolean schedulingWanted = new AtomicBoolean();

  /**
   * Set when a worker or the scheduler dropped its work because the gate was closed. The gate can
   * close for a moment only (a lease renewal that came late, then succeeded), too briefly for the
   * ticker to see; without this, what was dropped then waited for the next periodic resync.
   */
  private final AtomicBoolean skippedWhileNotLeading = new AtomicBoolean();

  private final AtomicLong reconciles = new AtomicLong();
  private volatile boolean running;

  public Controller(
      StateStore store,
      Scheduler scheduler,
      ControllerConfig config,
      Clock clock,
      LeaderGate gate) {
    this(store, scheduler, config, clock, gate, Metrics.NONE, MemberView.NONE);
  }

  /**
   * A controller that reports placements, reconciles and its work queue to {@code metrics}.
   *
   * @param members a gossip group's view of the nodes, which marks a failed node DOWN sooner than
   *     heartbeats can ({@link NodeLifecycle})
   */
  public Controller(
      StateStore store,
      Scheduler scheduler,
      ControllerConfig config,
      Clock clock,
      LeaderGate gate,
      Metrics metrics,
      MemberView members) {
    this(store, scheduler, config, clock, gate, metrics, members, LoopTime.SYSTEM);
  }

  /**
   * As the public constructor, with the loop's own time: its ticker's and scheduling thread's waits
   * and the durations it reports (a test moves it; {@code clock} stays the wall clock of heartbeats
   * and roll-outs).
   */
  Controller(
      StateStore store,
      Scheduler scheduler,
      ControllerConfig config,
      Clock clock,
      LeaderGate gate,
      Metrics metrics,
      MemberView members,
      LoopTime time) {
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.time = time;
    this.gate = gate;
    this.metrics = metrics;
    this.cache = new ClusterCache(store);
    // Threads start on first use: a controller that is never started holds none.
    this.workers = Executors.newFixedThreadPool(config.workers(), daemons("aino-reconcile-"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemons("aino-reconcile-timer-"));
    this.queue =
        new KeyedWorkQueue<>(
            "controller",
            this::reconcileOne,
            new Backoff(config.baseBackoff(), config.maxBackoff()),
            workers,
            config.workers(),
            DelayTimer.on(timer));
    this.reconciler =
        new WorkloadReconciler(
            store,
            cache,
            new WorkloadPlanner(new InstanceIds(new Random(config.seed()))),
            clock,
            this::wakeScheduler);
    this.scheduling = new UnplacedInstancePlacer(store, cache, scheduler);
    this.lifecycle =
        new NodeLifecycle(
            store,
            cache,
            clock,
            config.nodeSuspectAfter(),
            config.nodeDownAfter(),
            config.nodeLostAfter(),
            config.nodeLostGrace(),
            members);
  }

  /**
   * Loads the cache, then starts workers, the scheduling thread and the ticker. Loading reports
   * every object to {@link #onChange} as new, so every workload is queued (and every name that only
   * instances still carry), and the scheduler is signalled for every node and unplaced instance.
   */
  public Controller start() {
    running = true;
    cache.addListener(this::onChange);
    metrics.workQueue(queue::size);
    cache.start();
    queue.start();
    threads.add(thread("aino-schedule", this::scheduleLoop));
    threads.add(thread("aino-controller-tick", this::tickLoop));
    return this;
  }

  /** The controller's cache, for read paths that can take its consistency. */
  public ClusterCache cache() {
    return cache;
  }

  /** Reconciles performed so far (for tests and benchmarks). */
  public long reconciles() {
    return reconciles.get();
  }

  /**
   * True when no work is queued, running or waiting to be scheduled (the unplaced instances that
   * fit nowhere do not count). Useful for tests and benchmarks that wait for convergence.
   */
  public boolean isIdle() {
    return queue.isIdle() && !schedulingWanted.get();
  }

  private void onChange(ClusterCache.Change change) {
    if (change.kind() == ObjectKind.WORKLOADS) {
      queue.add(change.key());
      wakeScheduler();
    } else if (change.kind() == ObjectKind.INSTANCES) {
      Instance now = (Instance) change.current();
      Instance before = (Instance) change.previous();
      Instance any = now != null ? now : before;
      queue.add(any.workload());
      boolean freed =
          now == null
              || (now.phase().isTerminal() && (before == null || !before.phase().isTerminal()));
      if (freed || (now != null && ClusterCache.isUnplaced(now) && before == null)) {
        wakeScheduler();
      }
    } else if (change.kind() == ObjectKind.NODES) {
      wakeScheduler();
    }
  }

  private void wakeScheduler() {
    schedulingWanted.set(true);
    synchronized (schedulingSignal) {
      schedulingSignal.notifyAll();
    }
  }

  /**
   * Reconciles one workload for the work queue. A failure the next attempt may not repeat (a lost
   * race, an unavailable store) is thrown, and the queue retries it after its back-off; one it
   * would repeat (an invalid or impossible plan) is logged and dropped until the workload changes.
   */
  private Duration reconcileOne(String key) {
    if (!gate.isLeader()) {
      skippedWhileNotLeading.set(true);
      return null; // the leader reconciles; this server looks again when it is elected
    }
    long started = time.nanoTime();
    try {
      Duration again = reconciler.reconcile(key);
      metrics.reconciled(ReconcileResult.SUCCESS, time.nanoTime() - started);
      reconciles.incrementAndGet();
      return again;
    } catch (AinoException e) {
      if (e.code() == ErrorCode.INVALID_ARGUMENT || e.code() == ErrorCode.INTERNAL) {
        metrics.reconciled(ReconcileResult.ERROR, time.nanoTime() - started);
        LOG.error("reconcile of workload {} failed and will not be retried", key, e);
        return null;
      }
      retrying(started);
      throw e;
    } catch (RuntimeException e) {
      retrying(started);
      throw e;
    }
  }

  private void retrying(long started) {
    metrics.reconciled(ReconcileResult.RETRY, time.nanoTime() - started);
    metrics.workQueueRetried();
  }

  private void scheduleLoop() {
    while (running) {
      synchronized (schedulingSignal) {
        if (!schedulingWanted.get()) {
          try {
            time.await(schedulingSignal, config.resyncInterval());
          } catch (InterruptedException e) {
            return;
          }
        }
      }
      if (!running) {
        return;
      }
      schedulingWanted.set(false);
      if (!gate.isLeader()) {
        skippedWhileNotLeading.set(true);
        continue;
      }
      try {
        long started = time.nanoTime();
        UnplacedInstancePlacer.PassResult pass = scheduling.runOnce();
        if (pass.placed() + pass.unplaced() + pass.conflicts() > 0) {
          metrics.schedulingPass(
              pass.placed(), pass.unplaced(), pass.conflicts(), time.nanoTime() - started);
        }
        if (pass.conflicts() > 0) {
          schedulingWanted.set(true); // lost races: try those again at once
        }
      } catch (RuntimeException e) {
        LOG.warn("scheduling pass failed; retrying", e);
        sleepQuietly(schedulingRetryPause());
        schedulingWanted.set(true);
      }
    }
  }

  private void tickLoop() {
    long lastResync = time.nanoTime();
    boolean led = false;
    while (running) {
      sleepQuietly(config.lifecycleInterval());
      if (!running || !gate.isLeader()) {
        led = false;
        continue;
      }
      boolean skipped = skippedWhileNotLeading.getAndSet(false);
      if (!led || skipped) {
        // Just elected, or work was dropped while the gate was closed: what the previous leader
        // left half done, or this one skipped, is looked at now, not at the next periodic resync.
        led = true;
        lastResync = time.nanoTime();
        resyncAll();
        wakeScheduler();
      }
      try {
        lifecycle.check();
      } catch (RuntimeException e) {
        LOG.warn("node lifecycle check failed", e);
      }
      if (time.nanoTime() - lastResync >= config.resyncInterval().toNanos()) {
        lastResync = time.nanoTime();
        resyncAll();
        wakeScheduler();
      }
    }
  }

  /** Queues every workload, and every name that still has instances but no workload. */
  private void resyncAll() {
    Set<String> names = new HashSet<>();
    cache.workloads().forEach(w -> names.add(w.name()));
    for (Instance i : cache.instances()) {
      names.add(i.workload());
    }
    names.forEach(queue::add);
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }

  private Thread thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** How long the scheduling thread pauses after a failed pass: the back-off cap, at most 1 s. */
  private Duration schedulingRetryPause() {
    return Duration.ofNanos(Math.min(config.maxBackoff().toNanos(), MAX_SCHEDULING_PAUSE_NANOS));
  }

  private void sleepQuietly(Duration d) {
    try {
      time.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    queue.shutDown();
    timer.shutdownNow();
    workers.shutdownNow();
    wakeScheduler();
    for (Thread t : threads) {
      t.interrupt();
    }
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Thread t : threads) {
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    cache.close();
  }
}
