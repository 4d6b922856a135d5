package dev.aino.reconcile;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.metrics.Metrics;
import dev.aino.metrics.ReconcileResult;
import dev.aino.model.Instance;
import dev.aino.scheduler.Scheduler;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's loop. It keeps a watch-fed {@link ClusterCache}, queues a workload whenever
 * it or one of its instances changes, and runs three kinds of work:
 *
 * <ul>
 *   <li>workers take workload names off the {@link WorkQueue} and run the {@link
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

  private final StateStore store;
  private final ControllerConfig config;
  private final Clock clock;
  private final LeaderGate gate;
  private final Metrics metrics;
  private final ClusterCache cache;
  private final WorkQueue<String> queue;
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
  private final AtomicLong busyWorkers = new AtomicLong();
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
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.gate = gate;
    this.metrics = metrics;
    this.cache = new ClusterCache(store);
    this.queue = new WorkQueue<>(config.baseBackoff(), config.maxBackoff());
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

  /** Loads the cache, then starts workers, the scheduling thread and the ticker. */
  public Controller start() {
    running = true;
    cache.addListener(this::onChange);
    metrics.workQueue(queue::size);
    cache.start();
    for (int i = 0; i < config.workers(); i++) {
      threads.add(thread("aino-reconcile-" + i, this::workLoop));
    }
    threads.add(thread("aino-schedule", this::scheduleLoop));
    threads.add(thread("aino-controller-tick", this::tickLoop));
    resyncAll();
    wakeScheduler();
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
    return queue.size() == 0 && busyWorkers.get() == 0 && !schedulingWanted.get();
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

  private void workLoop() {
    while (running) {
      Optional<String> next;
      try {
        next = queue.take(Duration.ofMillis(500));
      } catch (InterruptedException e) {
        return;
      }
      if (next.isEmpty()) {
        continue;
      }
      String key = next.get();
      busyWorkers.incrementAndGet();
      long started = System.nanoTime();
      try {
        if (!gate.isLeader()) {
          skippedWhileNotLeading.set(true);
          continue;
        }
        Duration again = reconciler.reconcile(key);
        metrics.reconciled(ReconcileResult.SUCCESS, System.nanoTime() - started);
        reconciles.incrementAndGet();
        queue.forget(key);
        if (again != null) {
          queue.addAfter(key, again);
        }
      } catch (AinoException e) {
        if (e.code() == ErrorCode.INVALID_ARGUMENT || e.code() == ErrorCode.INTERNAL) {
          metrics.reconciled(ReconcileResult.ERROR, System.nanoTime() - started);
          LOG.error("reconcile of workload {} failed and will not be retried", key, e);
          queue.forget(key);
        } else {
          metrics.reconciled(ReconcileResult.RETRY, System.nanoTime() - started);
          metrics.workQueueRetried();
          Duration delay = queue.addRateLimited(key);
          LOG.debug(
              "reconcile of workload {} failed ({}); retry in {}", key, e.getMessage(), delay);
        }
      } catch (RuntimeException e) {
        metrics.reconciled(ReconcileResult.RETRY, System.nanoTime() - started);
        metrics.workQueueRetried();
        Duration delay = queue.addRateLimited(key);
        LOG.warn("reconcile of workload {} failed; retry in {}", key, delay, e);
      } finally {
        busyWorkers.decrementAndGet();
        queue.done(key);
      }
    }
  }

  private void scheduleLoop() {
    while (running) {
      synchronized (schedulingSignal) {
        if (!schedulingWanted.get()) {
          try {
            schedulingSignal.wait(config.resyncInterval().toMillis());
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
        long started = System.nanoTime();
        UnplacedInstancePlacer.PassResult pass = scheduling.runOnce();
        if (pass.placed() + pass.unplaced() + pass.conflicts() > 0) {
          metrics.schedulingPass(
              pass.placed(), pass.unplaced(), pass.conflicts(), System.nanoTime() - started);
        }
        if (pass.conflicts() > 0) {
          schedulingWanted.set(true); // lost races: try those again at once
        }
      } catch (RuntimeException e) {
        LOG.warn("scheduling pass failed; retrying", e);
        sleepQuietly(
            config.maxBackoff().compareTo(Duration.ofSeconds(1)) < 0
                ? config.maxBackoff()
                : Duration.ofSeconds(1));
        schedulingWanted.set(true);
      }
    }
  }

  private void tickLoop() {
    long lastResync = System.nanoTime();
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
        lastResync = System.nanoTime();
        resyncAll();
        wakeScheduler();
      }
      try {
        lifecycle.check();
      } catch (RuntimeException e) {
        LOG.warn("node lifecycle check failed", e);
      }
      if (System.nanoTime() - lastResync >= config.resyncInterval().toNanos()) {
        lastResync = System.nanoTime();
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

  private Thread thread(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void sleepQuietly(Duration d) {
    try {
      TimeUnit.NANOSECONDS.sleep(d.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    queue.shutDown();
    wakeScheduler();
    for (Thread t : threads) {
      t.interrupt();
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
