package dev.aino.autoscale;

import dev.aino.api.InstanceUsageSource;
import dev.aino.api.WorkloadUsage;
import dev.aino.error.AinoException;
import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.metrics.AutoscaleDecision;
import dev.aino.metrics.Metrics;
import dev.aino.model.AutoscalePolicy;
import dev.aino.model.EventType;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.reconcile.LeaderGate;
import dev.aino.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the replica count of every workload with an {@link AutoscalePolicy} after its instances'
 * measured CPU and memory use, once per {@link AutoscalerConfig#interval()}, while this server
 * leads.
 *
 * <p>Each pass computes the {@link ScaleRecommender recommendation} from the average use of the
 * workload's running instances that could be measured (instances that just started, or whose node
 * does not answer, are left out, as the HorizontalPodAutoscaler leaves out pods without metrics). A
 * higher count is written at once; a lower one only once it has been recommended for a whole
 * stabilization window, and then only down to the highest recommendation of that window. Every
 * change is written with compare-and-swap on the revision read (a concurrent change wins, the next
 * pass decides again) and recorded as an {@code Autoscaled} event with its reason, e.g. {@code cpu
 * 92% of request > target 60%: 3 -> 5}.
 */
public final class Autoscaler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);

  private final StateStore store;
  private final InstanceUsageSource usage;
  private final AutoscalerConfig config;
  private final Metrics metrics;
  private final Clock clock;
  private final LeaderGate gate;
  private final Map<String, History> histories = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;

  public Autoscaler(
      StateStore store,
      InstanceUsageSource usage,
      AutoscalerConfig config,
      Clock clock,
      LeaderGate gate) {
    this(store, usage, config, clock, gate, Metrics.NONE);
  }

  /** An autoscaler that reports each decision to {@code metrics}. */
  public Autoscaler(
      StateStore store,
      InstanceUsageSource usage,
      AutoscalerConfig config,
      Clock clock,
      LeaderGate gate,
      Metrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.store = Objects.requireNonNull(store, "store");
    this.usage = Objects.requireNonNull(usage, "usage");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  /** Runs a pass every interval on a thread of its own until closed. */
  public synchronized Autoscaler start() {
    if (timer != null) {
      throw new IllegalStateException("the autoscaler was already started");
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "aino-autoscaler");
              t.setDaemon(true);
              return t;
            });
    long nanos = config.interval().toNanos();
    timer.scheduleWithFixedDelay(this::passSafely, nanos, nanos, TimeUnit.NANOSECONDS);
    return this;
  }

  private void passSafely() {
    try {
      if (gate.isLeader()) {
        pass();
      }
    } catch (RuntimeException e) {
      LOG.warn("autoscaler pass failed: {}", e.getMessage(), e);
    }
  }

  /**
   * One pass over every autoscaled workload, now; returns the workloads whose count it changed. The
   * timer calls it; tests call it directly on a clock they move.
   */
  public synchronized List<String> pass() {
    List<String> scaled = new ArrayList<>();
    Set<String> autoscaled = new HashSet<>();
    for (Workload w : store.workloads()) {
      AutoscalePolicy policy = w.spec().autoscale();
      if (policy == null || w.isDeleting()) {
        continue;
      }
      autoscaled.add(w.name());
      try {
        if (evaluate(w, policy)) {
          scaled.add(w.name());
        }
      } catch (AinoException e) {
        LOG.warn("autoscaler: workload {}: {}", w.name(), e.getMessage());
      }
    }
    histories.keySet().retainAll(autoscaled);
    return scaled;
  }

  private boolean evaluate(Workload w, AutoscalePolicy policy) {
    int current = w.spec().replicas();
    WorkloadUsage measured = measure(w.name());
    Instant now = clock.instant();
    History history = histories.computeIfAbsent(w.name(), n -> new History());
    if (measured.instances() == 0) {
      metrics.autoscalerDecision(AutoscaleDecision.UNCHANGED);
      return false; // nothing measured yet: no basis for a change
    }
    ScaleRecommender.Recommendation rec =
        ScaleRecommender.recommend(policy, current, measured, config.tolerance());
    int target = history.stabilized(now, rec.replicas(), current, config.stabilization());
    if (target == current) {
      if (rec.replicas() < current) {
        metrics.autoscalerDecision(AutoscaleDecision.HELD);
        history.noteHeld(w.name(), rec, current, now);
      } else {
        metrics.autoscalerDecision(AutoscaleDecision.UNCHANGED);
      }
      return false;
    }
    String message = rec.reason() + ": " + current + " -> " + target;
    if (target != rec.replicas()) {
      message +=
          " (the highest recommendation of the last "
              + describe(config.stabilization())
              + "; "
              + rec.replicas()
              + " now)";
    }
    try {
      store.update(w.withSpec(w.spec().withReplicas(target)));
    } catch (ConflictException | NotFoundException race) {
      return false; // changed or deleted meanwhile: the next pass decides on what is there then
    }
    history.held = null;
    metrics.autoscalerDecision(
        target > current ? AutoscaleDecision.SCALE_UP : AutoscaleDecision.SCALE_DOWN);
    store.recordEvent(ObjectRef.workload(w.name()), EventType.NORMAL, "Autoscaled", message, now);
    LOG.info("autoscaler: workload {}: {}", w.name(), message);
    return true;
  }

  private WorkloadUsage measure(String workload) {
    return WorkloadUsage.measure(store.instancesOf(workload), usage);
  }

  private static String describe(Duration d) {
    if (d.toSeconds() % 60 == 0 && d.toMinutes() > 0) {
      return d.toMinutes() + " min";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** One workload's recent recommendations, for the stabilization window. */
  private final class History {
    private final ArrayDeque<Instant> times = new ArrayDeque<>();
    private final ArrayDeque<Integer> counts = new ArrayDeque<>();
    private String held;

    /**
     * Records {@code recommended} at {@code now} and returns the count to scale to: the
     * recommendation itself when it is not below {@code current} (up at once), otherwise the
     * highest recommendation of the window, at most {@code current}, so that going down waits until
     * the window holds only lower recommendations.
     */
    int stabilized(Instant now, int recommended, int current, Duration window) {
      times.addLast(now);
      counts.addLast(recommended);
      Instant start = now.minus(window);
      while (!times.isEmpty() && times.peekFirst().isBefore(start)) {
        times.pollFirst();
        counts.pollFirst();
      }
      if (recommended >= current) {
        return recommended;
      }
      int highest = recommended;
      for (int c : counts) {
        highest = Math.max(highest, c);
      }
      return Math.min(current, highest);
    }

    /** Says once per held recommendation why the count did not go down yet. */
    void noteHeld(String workload, ScaleRecommender.Recommendation rec, int current, Instant now) {
      String key = rec.replicas() + " " + rec.reason();
      if (key.equals(held)) {
        return;
      }
      held = key;
      store.recordEvent(
          ObjectRef.workload(workload),
          EventType.NORMAL,
          "AutoscaleStabilizing",
          rec.reason()
              + " recommends "
              + rec.replicas()
              + "; keeping "
              + current
              + " until it has held for the stabilization window of "
              + describe(config.stabilization()),
          now);
    }
  }
}
