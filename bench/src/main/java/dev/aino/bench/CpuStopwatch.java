package dev.aino.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;

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
  private final Predicate<String> threadNames;

  private CpuStopwatch(Predicate<String> threadNames) {
    this.threadNames = threadNames;
    for (long id : ids()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu >= 0) {
        atStart.put(id, cpu);
      }
    }
  }

  public static CpuStopwatch start() {
    return new CpuStopwatch(name -> true);
  }

  /**
   * A stopwatch of the threads whose names {@code threadNames} accepts: in a benchmark that runs
   * client and server in one process, the server's request threads, whose CPU time is the server's
   * cost of the calls.
   */
  public static CpuStopwatch ofThreads(Predicate<String> threadNames) {
    return new CpuStopwatch(threadNames);
  }

  /** CPU nanoseconds of the threads alive now, since the start (or since they started). */
  public long elapsedNanos() {
    long sum = 0;
    for (long id : ids()) {
      long cpu = THREADS.getThreadCpuTime(id);
      if (cpu >= 0) { // -1: the thread ended meanwhile
        sum += cpu - atStart.getOrDefault(id, 0L);
      }
    }
    return sum;
  }

  /** How many threads it counted when it started; none when no thread's name matched. */
  public int threadsAtStart() {
    return atStart.size();
  }

  /** The ids of the live threads this stopwatch counts. */
  private long[] ids() {
    long[] all = THREADS.getAllThreadIds();
    ThreadInfo[] infos = THREADS.getThreadInfo(all);
    return IntStream.range(0, all.length)
        .filter(i -> infos[i] != null && threadNames.test(infos[i].getThreadName()))
        .mapToLong(i -> all[i])
        .toArray();
  }
}
