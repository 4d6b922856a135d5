package dev.aino.bench.store;

import dev.aino.bench.LatencyRecorder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watch delivery: one writer replaces instances at a fixed, modest rate while a watcher receives
 * them. Each write carries the {@link System#nanoTime()} at which the writer began it; the watcher
 * records the time from there to its own receipt, so a latency covers commit plus delivery.
 */
final class WatchLatency {
  private static final int KEYS = 10;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private WatchLatency() {}

  /**
   * @param latencies one per write received during the measuring time
   * @param written writes made during the measuring time
   */
  record Result(LatencyRecorder latencies, int written) {
    int missed() {
      return written - latencies.count();
    }
  }

  /**
   * @param run names the workload written, so that runs on one target never share a key
   */
  static Result run(ReadTarget target, String run, int perSecond, Duration warmup, Duration measure)
      throws Exception {
    LatencyRecorder latencies = new LatencyRecorder();
    long begin = System.nanoTime();
    long measureFrom = begin + warmup.toNanos();
    long measureUntil = measureFrom + measure.toNanos();
    int written = 0;
    try (ReadTarget.Subscription watch =
        target.watch(
            stamp -> {
              long now = System.nanoTime();
              if (stamp >= measureFrom) {
                synchronized (latencies) {
                  latencies.record(now - stamp);
                }
              }
            })) {
      WriteTarget.Writer writer = target.writer(run, KEYS);
      long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
      for (long due = Math.max(begin, System.nanoTime()); due < measureUntil; due += period) {
        parkUntil(due);
        long stamp = System.nanoTime();
        writer.write(stamp);
        if (stamp >= measureFrom) {
          written++;
        }
      }
      awaitDeliveries(latencies, written);
    }
    synchronized (latencies) {
      LatencyRecorder copy = new LatencyRecorder();
      copy.addAll(latencies);
      return new Result(copy, written);
    }
  }

  private static void awaitDeliveries(LatencyRecorder latencies, int written) {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (latencies) {
        if (latencies.count() >= written) {
          return;
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  private static void parkUntil(long dueNanos) {
    for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }
}
