package dev.aino.testing;

import dev.aino.metrics.AutoscaleDecision;
import dev.aino.metrics.Metrics;
import dev.aino.metrics.PullResult;
import dev.aino.metrics.StoreOperation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Metrics} that counts what it is told, for tests of the instrumentation's callers. */
public final class CountingMetrics implements Metrics {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  /** How often {@code what} was reported, e.g. {@code "autoscaler scale_up"}. */
  public long count(String what) {
    AtomicLong n = counts.get(what);
    return n == null ? 0 : n.get();
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
}
