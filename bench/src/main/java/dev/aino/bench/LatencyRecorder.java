package dev.aino.bench;

import java.util.Arrays;

/**
 * Every latency of a measurement, in nanoseconds, for exact percentiles. Not thread-safe: give each
 * thread its own and {@link #addAll merge} them, or guard it.
 */
public final class LatencyRecorder {
  private long[] nanos = new long[1024];
  private int count;

  public void record(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
  }

  /** Adds every latency of {@code other}. */
  public void addAll(LatencyRecorder other) {
    for (int i = 0; i < other.count; i++) {
      record(other.nanos[i]);
    }
  }

  public int count() {
    return count;
  }

  /**
   * The latency that {@code percent} percent of the recorded ones do not exceed (nearest rank).
   *
   * @throws IllegalStateException when nothing was recorded
   */
  public long percentileNanos(double percent) {
    if (count == 0) {
      throw new IllegalStateException("no latencies were recorded");
    }
    if (percent <= 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100 * count);
    return sorted[Math.max(0, rank - 1)];
  }
}
