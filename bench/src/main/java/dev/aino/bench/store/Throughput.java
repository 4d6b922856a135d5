package dev.aino.bench.store;

import dev.aino.bench.LatencyRecorder;

/**
 * What a measurement did: how many operations (or items), at what rate, and the latency of each
 * timed call.
 *
 * @param operations operations or items counted
 * @param perSecond operations or items per second
 * @param latencies latency of each timed call
 */
record Throughput(long operations, double perSecond, LatencyRecorder latencies) {}
