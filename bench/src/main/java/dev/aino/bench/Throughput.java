package dev.aino.bench;

/**
 * What a measurement did: how many operations (or items), at what rate, the latency of each timed
 * call, and the CPU time the process's Java threads spent per operation meanwhile.
 *
 * @param operations operations or items counted
 * @param perSecond operations or items per second
 * @param latencies latency of each timed call
 * @param cpuNanosPerOperation CPU time of this process's Java threads per operation or item (see
 *     {@link dev.aino.bench.CpuStopwatch}): the client's share of the work, which another process's
 *     load hardly changes
 * @param serverCpuNanosPerOperation CPU time per operation of the threads a benchmark names as the
 *     server's (see {@link ClosedLoop#run(java.util.List, ClosedLoop.Warmup, java.time.Duration,
 *     java.util.function.Predicate)}), or {@link Double#NaN} when it names none
 */
public record Throughput(
    long operations,
    double perSecond,
    LatencyRecorder latencies,
    double cpuNanosPerOperation,
    double serverCpuNanosPerOperation) {

  /** A measurement with no separate server threads (their share is {@link Double#NaN}). */
  public Throughput(
      long operations, double perSecond, LatencyRecorder latencies, double cpuNanosPerOperation) {
    this(operations, perSecond, latencies, cpuNanosPerOperation, Double.NaN);
  }

  /**
   * One measurement made of {@code parts} of equal length taken at different times (the windows a
   * benchmark alternates between surfaces): their calls and latencies together, the mean rate, and
   * the CPU times per operation weighted by each part's operations.
   *
   * @throws IllegalArgumentException when {@code parts} is empty
   */
  public static Throughput combined(java.util.List<Throughput> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no measurements to combine");
    }
    LatencyRecorder latencies = new LatencyRecorder();
    long operations = 0;
    double perSecond = 0;
    double cpuNanos = 0;
    double serverCpuNanos = 0;
    for (Throughput part : parts) {
      latencies.addAll(part.latencies());
      operations += part.operations();
      perSecond += part.perSecond() / parts.size();
      cpuNanos += part.cpuNanosPerOperation() * part.operations();
      serverCpuNanos += part.serverCpuNanosPerOperation() * part.operations();
    }
    return new Throughput(
        operations, perSecond, latencies, cpuNanos / operations, serverCpuNanos / operations);
  }
}
