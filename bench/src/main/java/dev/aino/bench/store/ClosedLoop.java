package dev.aino.bench.store;

import dev.aino.bench.LatencyRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one measuring loop: threads that each call their operation back to back, untimed during the
 * warm-up (for the JIT), then timed for the measuring time. Every thread finishes at least one
 * timed call, so even an operation slower than the measuring time is measured.
 */
final class ClosedLoop {
  private ClosedLoop() {}

  /** One call, given the {@link System#nanoTime()} it starts at. */
  interface Op {
    void run(long startNanos) throws Exception;
  }

  /**
   * Untimed calls before the timed ones, per thread: for at least {@code time} and at least {@code
   * minCalls} calls. A slow operation needs the count: a few calls in a second do not get the JIT
   * to compile the code they run.
   */
  record Warmup(Duration time, int minCalls) {
    static Warmup of(Duration time) {
      return new Warmup(time, 0);
    }
  }

  /** One thread's result: its latencies and the time span they cover. */
  private record Span(LatencyRecorder latencies, long fromNanos, long toNanos) {
    double perSecond() {
      return latencies.count() / ((toNanos - fromNanos) / 1e9);
    }
  }

  /**
   * Runs {@code ops.size()} threads, one per op, all starting together.
   *
   * @return every timed call, and the sum of the threads' rates
   */
  static Throughput run(List<Op> ops, Warmup warmup, Duration measure) throws Exception {
    int threads = ops.size();
    AtomicLong start = new AtomicLong();
    CyclicBarrier together = new CyclicBarrier(threads, () -> start.set(System.nanoTime()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Span>> spans = new ArrayList<>();
      for (Op op : ops) {
        spans.add(
            pool.submit(
                () -> {
                  together.await();
                  return loop(
                      op, start.get() + warmup.time().toNanos(), warmup.minCalls(), measure);
                }));
      }
      LatencyRecorder all = new LatencyRecorder();
      double perSecond = 0;
      for (Future<Span> future : spans) {
        Span span = await(future);
        all.addAll(span.latencies());
        perSecond += span.perSecond();
      }
      return new Throughput(all.count(), perSecond, all);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Span loop(Op op, long warmUntil, int warmCalls, Duration measure)
      throws Exception {
    long now = System.nanoTime();
    for (int calls = 0; now < warmUntil || calls < warmCalls; calls++) {
      op.run(now);
      now = System.nanoTime();
    }
    LatencyRecorder latencies = new LatencyRecorder();
    long from = now;
    long measureUntil = from + measure.toNanos();
    do {
      long begin = System.nanoTime();
      op.run(begin);
      now = System.nanoTime();
      latencies.record(now - begin);
    } while (now < measureUntil);
    return new Span(latencies, from, now);
  }

  private static Span await(Future<Span> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
