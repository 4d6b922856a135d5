package dev.aino.runtime.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One process as {@code /proc/<pid>/stat} describes it: enough to recognise it again after an agent
 * restart (pid plus start time, since pids are reused) and to account its CPU time.
 *
 * @param pid the process id
 * @param state the one-letter state ({@code R}, {@code S}, {@code Z} for a zombie, ...)
 * @param startTicks when it started, in clock ticks after boot: with the pid, its identity
 * @param cpuTicks user and system time of it and of its waited-for children, in clock ticks
 * @param rssPages resident set size in pages
 */
public record ProcStat(long pid, char state, long startTicks, long cpuTicks, long rssPages) {
  /**
   * Linux reports times in USER_HZ, which the kernel ABI fixes at 100 on every architecture Java
   * runs on (CONFIG_HZ may differ; USER_HZ does not).
   */
  private static final long TICKS_PER_SECOND = 100;

  /** 4 KiB pages: the page size of x86-64 and of the usual arm64 kernels. */
  public static final long PAGE_SIZE = 4096;

  /** The process now; empty when no process has that pid (or /proc cannot be read). */
  public static Optional<ProcStat> read(long pid) {
    String text;
    try {
      text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
    int close = text.lastIndexOf(')');
    if (close < 0) {
      return Optional.empty();
    }
    String[] f = text.substring(close + 2).trim().split(" ");
    // f[0] is field 3 (state); field n is f[n - 3].
    try {
      long cpu =
          Long.parseLong(f[11])
              + Long.parseLong(f[12])
              + Long.parseLong(f[13])
              + Long.parseLong(f[14]);
      return Optional.of(
          new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[19]), cpu, Long.parseLong(f[21])));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** True when a live (not zombie) process with this pid and start time exists. */
  public static boolean isAlive(long pid, long startTicks) {
    return read(pid).filter(p -> p.startTicks == startTicks && p.state != 'Z').isPresent();
  }

  public Duration cpuTime() {
    return Duration.ofMillis(cpuTicks * 1000 / TICKS_PER_SECOND);
  }

  public long rssBytes() {
    return rssPages * PAGE_SIZE;
  }
}
