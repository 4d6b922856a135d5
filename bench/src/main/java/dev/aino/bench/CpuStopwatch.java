package dev.aino.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent by this process's Java threads since the stopwatch started: the caller's and those
 * of the libraries it calls (gRPC and Netty event loops, SQLite calls), but not the JIT compiler's
 * or the garbage collector's, which would charge warm-up and heap sizing to whatever runs at the
 * time. Unlike wall time it hardly grows when other processes crowd the CPUs. A thread that ends
 * before {@link #elapsedNanos()} is read takes its share with it.
 */
public final class CpuStopwatch {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> atStart = new HashMap<>();

  private CpuStopwatch() {
    for (long id : THREADS.getAllThreadIds()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu >= 0) {
        atStart.put(id, cpu);
      }
    }
  }

  public static CpuStopwatch start() {
    return new CpuStopwatch();
  }

  /** CPU nanoseconds of the threads alive now, since the start (or since they started). */
  public long elapsedNanos() {
    long sum = 0;
    for (long id : THREADS.getAllThreadIds()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu >= 0) { // -1: the thread ended meanwhile
        sum += cpu - atStart.getOrDefault(id, 0L);
      }
    }
    return sum;
  }
}
