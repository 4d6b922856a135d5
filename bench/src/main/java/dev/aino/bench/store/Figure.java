package dev.aino.bench.store;

import dev.aino.bench.LatencyRecorder;
import dev.aino.bench.Throughput;
import java.util.Locale;

/**
 * One measured figure as printed, with the numbers that ratios compare.
 *
 * @param text e.g. {@code 2,140/s p50 3.1 ms p99 9.8 ms}
 * @param value the compared number: a rate, or a time in nanoseconds
 * @param higherIsBetter true for rates, false for times
 * @param callP50Nanos for a rate, the median time of the calls behind it; 0 otherwise
 */
record Figure(String text, double value, boolean higherIsBetter, long callP50Nanos) {

  /** Calls per second with their latency. */
  static Figure rate(Throughput t) {
    return new Figure(
        perSecond(t.perSecond()) + "  " + percentiles(t.latencies()),
        t.perSecond(),
        true,
        p50(t.latencies()));
  }

  /** Items per second, e.g. {@code 45,678 instances/s commit p50 2.10 ms}. */
  static Figure itemRate(Throughput t, String items, String call) {
    return new Figure(
        String.format(Locale.ROOT, "%,.0f %s/s", t.perSecond(), items)
            + "  "
            + call
            + " p50 "
            + millis(p50(t.latencies())),
        t.perSecond(),
        true,
        p50(t.latencies()));
  }

  /** The median time of one list, and how many lists were timed. */
  static Figure perCall(Throughput t) {
    long p50 = p50(t.latencies());
    return new Figure(millis(p50) + "/list (n=" + t.latencies().count() + ")", p50, false, 0);
  }

  /** This process's CPU time per {@code item}, e.g. {@code 0.412 ms CPU/write}. */
  static Figure cpu(Throughput t, String item) {
    double nanos = t.cpuNanosPerOperation();
    return new Figure(millis((long) nanos) + " CPU/" + item, nanos, false, 0);
  }

  /** Latency percentiles, compared by their median. */
  static Figure latency(LatencyRecorder latencies) {
    return new Figure(percentiles(latencies), p50(latencies), false, 0);
  }

  /** How fast aino is relative to {@code bare}: above 1 is faster, as in "aino ≥ 0.8 of bare". */
  double ratioTo(Figure bare) {
    return higherIsBetter ? value / bare.value : bare.value / value;
  }

  /**
   * The ratio, and for rates also the ratio of the calls' medians: on a busy machine a few long
   * stalls pull a rate down, while the median shows what a call typically costs.
   */
  String ratioText(Figure bare) {
    String ratio = String.format(Locale.ROOT, "%.2f", ratioTo(bare));
    if (callP50Nanos == 0 || bare.callP50Nanos == 0) {
      return ratio;
    }
    return ratio
        + String.format(Locale.ROOT, " (p50 %.2f)", (double) bare.callP50Nanos / callP50Nanos);
  }

  static String perSecond(double rate) {
    return String.format(Locale.ROOT, "%,.0f/s", rate);
  }

  /** e.g. {@code 0.042 ms}, {@code 3.1 ms}, {@code 412 ms}: three significant digits at most. */
  static String millis(long nanos) {
    double ms = nanos / 1e6;
    String format = ms < 1 ? "%.3f ms" : ms < 10 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%,.0f ms";
    return String.format(Locale.ROOT, format, ms);
  }

  private static String percentiles(LatencyRecorder latencies) {
    return "p50 " + millis(p50(latencies)) + "  p99 " + millis(latencies.percentileNanos(99));
  }

  private static long p50(LatencyRecorder latencies) {
    return latencies.percentileNanos(50);
  }
}
