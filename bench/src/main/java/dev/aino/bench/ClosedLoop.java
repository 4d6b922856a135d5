package dev.aino.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The one measuring loop: threads that each call their operation back to back, untimed during the
 * warm-up (for the JIT), then timed for the measuring time. Every thread finishes at least one
 * timed call, so even an operation slower than the measuring time is measured. A thread's call in
 * flight when the time is up is counted, and its rate is over the time until that call returned.
 */
public final class ClosedLoop {
  private ClosedLoop() {}

  /** One call, given the {@link System#nanoTime()} it starts at. */
  public interface Op {
    void run(long startNanos) throws Exception;
  }

  /**
   * Untimed calls before the timed ones, per thread: for at least {@code time} and at least {@code
   * minCalls} calls. A slow operation needs the count: a few calls in a second do not get the JIT
   * to compile the code they run.
   */
  public record Warmup(Duration time, int minCalls) {
    public static Warmup of(Duration time) {
      return new Warmup(time, 0);
    }
  }

  /** One thread's timed calls and when it finished the last one. */
  private record Span(LatencyRecorder latencies, long toNanos) {}

  /**
   * Runs {@code ops.size()} threads, one per op: all warm up together, then all start their timed
   * calls at the same moment.
   *
   * @return every timed call, the sum of the threads' rates, and the Java threads' CPU time per
   *     call
   */
  public static Throughput run(List<Op> ops, Warmup warmup, Duration measure) throws Exception {
    return run(ops, warmup, measure, name -> false);
  }

  /**
   * As {@link #run(List, Warmup, Duration)}, and also the CPU time per call of the threads whose
   * names {@code serverThreads} accepts (the server's, when it runs in this process).
   */
  public static Throughput run(
      List<Op> ops, Warmup warmup, Duration measure, Predicate<String> serverThreads)
      throws Exception {
    int threads = ops.size();
    AtomicLong warmFrom = new AtomicLong();
    AtomicLong measureFrom = new AtomicLong();
    AtomicReference<CpuStopwatch> cpu = new AtomicReference<>();
    AtomicReference<CpuStopwatch> serverCpu = new AtomicReference<>();
    CyclicBarrier together = new CyclicBarrier(threads, () -> warmFrom.set(System.nanoTime()));
    CyclicBarrier warmed =
        new CyclicBarrier(
            threads,
            () -> {
              cpu.set(CpuStopwatch.start());
              serverCpu.set(CpuStopwatch.ofThreads(serverThreads));
              measureFrom.set(System.nanoTime());
            });
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Span>> spans = new ArrayList<>();
      for (Op op : ops) {
        spans.add(
            pool.submit(
                () -> {
                  together.await();
                  Exception failed = null;
                  try {
                    warmUp(op, warmFrom.get() + warmup.time().toNanos(), warmup.minCalls());
                  } catch (Exception e) {
                    failed = e; // still arrive at the barrier, or the others would wait forever
                  }
                  warmed.await();
                  if (failed != null) {
                    throw failed;
                  }
                  return measure(op, measureFrom.get() + measure.toNanos());
                }));
      }
      LatencyRecorder all = new LatencyRecorder();
      double perSecond = 0;
      for (Future<Span> future : spans) {
        Span span = await(future);
        all.addAll(span.latencies());
        perSecond += span.latencies().count() / ((span.toNanos() - measureFrom.get()) / 1e9);
      }
      double cpuPerCall = cpu.get().elapsedNanos() / (double) all.count();
      long serverNanos = serverCpu.get().elapsedNanos();
      double serverPerCall =
          serverCpu.get().threadsAtStart() == 0 ? Double.NaN : serverNanos / (double) all.count();
      return new Throughput(all.count(), perSecond, all, cpuPerCall, serverPerCall);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void warmUp(Op op, long warmUntil, int warmCalls) throws Exception {
    long now = System.nanoTime();
    for (int calls = 0; now < warmUntil || calls < warmCalls; calls++) {
      op.run(now);
      now = System.nanoTime();
    }
  }

  private static Span measure(Op op, long measureUntil) throws Exception {
    LatencyRecorder latencies = new LatencyRecorder();
    long now;
    do {
      long begin = System.nanoTime();
      op.run(begin);
      now = System.nanoTime();
      latencies.record(now - begin);
    } while (now < measureUntil);
    return new Span(latencies, now);
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
