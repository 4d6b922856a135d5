package dev.aino.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;

/** What a reader needs to judge figures taken on a shared machine. */
public final class Machine {
  /** USER_HZ: {@code /proc/stat} counts in these on every Linux architecture aino runs on. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private Machine() {}

  /** e.g. {@code 2 CPUs, load average 1.58 3.40 5.75}. */
  public static String describe() {
    return Runtime.getRuntime().availableProcessors() + " CPUs, load average " + loadAverage();
  }

  /**
   * CPU time all processes of the machine spent (every CPU, user and system, not idle or waiting
   * for I/O) since boot, from {@code /proc/stat}; -1 where it cannot be read. The difference over a
   * measurement charges the work of child processes (runc, mount) that a JVM's own clock misses.
   */
  public static long busyCpuNanos() {
    try (BufferedReader reader = Files.newBufferedReader(Paths.get("/proc/stat"))) {
      String[] fields = reader.readLine().trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The CPU time of this JVM (every thread: the program's, the JIT's, the collector's). */
  public static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Time the JIT compilers have spent in this JVM, in nanoseconds (milliseconds resolution); 0
   * where the JVM does not say. Compiler threads are not Java threads: this is their share of
   * {@link #processCpuNanos()}, the part a warmed-up process no longer pays.
   */
  public static long jitNanos() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime() * 1_000_000L
        : 0;
  }

  /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}. */
  public static String loadAverage() {
    try {
      String[] fields = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
