package dev.aino.testing;

import dev.aino.metrics.AutoscaleDecision;
import dev.aino.metrics.Metrics;
import dev.aino.metrics.PullResult;
import dev.aino.metrics.ReconcileResult;
import dev.aino.metrics.StoreOperation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Metrics} that counts what it is told, for tests of the instrumentation's callers. */
public final class CountingMetrics implements Metrics {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> durations = new ConcurrentHashMap<>();
  private volatile DepthGauge workQueue;

  /** How often {@code what} was reported, e.g. {@code "autoscaler scale_up"}. */
  public long count(String what) {
    AtomicLong n = counts.get(what);
    return n == null ? 0 : n.get();
  }

  /**
   * The durations reported with {@code what} added up, in nanoseconds: {@code "scheduling passes"}
   * or {@code "reconciled success"} and the other results.
   */
  public long nanos(String what) {
    AtomicLong n = durations.get(what);
    return n == null ? 0 : n.get();
  }

  private void took(String what, long n) {
    durations.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
  }

  private void add(String what, long n) {
    counts.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
  }

  @Override
  public void storeOperation(String backend, StoreOperation operation, long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("a negative duration: " + nanos);
    }
    add("store " + backend + " " + operation.label(), 1);
  }

  @Override
  public void autoscalerDecision(AutoscaleDecision decision) {
    add("autoscaler " + decision.label(), 1);
  }

  @Override
  public void imagePull(PullResult result) {
    add("pull " + result.label(), 1);
  }

  @Override
  public void imageBytesPulled(long bytes) {
    add("pull bytes", bytes);
  }

  @Override
  public void containerStarted(long nanos) {
    add("started", 1);
  }

  @Override
  public void containerRestarted() {
    add("restarted", 1);
  }

  /**
   * Adds up a pass's placed, unschedulable and conflicting instances under {@code "scheduling
   * placed"} and so on; a pass that reports none of them counts as {@code "scheduling empty"}.
   */
  @Override
  public void schedulingPass(int placed, int unschedulable, int conflicts, long nanos) {
    add("scheduling passes", 1);
    took("scheduling passes", nanos);
    add("scheduling placed", placed);
    add("scheduling unschedulable", unschedulable);
    add("scheduling conflicts", conflicts);
    if (placed + unschedulable + conflicts == 0) {
      add("scheduling empty", 1);
    }
  }

  @Override
  public void reconciled(ReconcileResult result, long nanos) {
    add("reconciled " + result.label(), 1);
    took("reconciled " + result.label(), nanos);
  }

  @Override
  public void workQueueRetried() {
    add("work queue retried", 1);
  }

  @Override
  public void workQueue(DepthGauge depth) {
    workQueue = depth;
  }

  /** The registered work queue's depth now, or -1 when none was registered. */
  public int workQueueDepth() {
    DepthGauge gauge = workQueue;
    return gauge == null ? -1 : gauge.depth();
  }
}
