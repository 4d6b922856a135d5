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
 */
public record Throughput(
    long operations, double perSecond, LatencyRecorder latencies, double cpuNanosPerOperation) {}
