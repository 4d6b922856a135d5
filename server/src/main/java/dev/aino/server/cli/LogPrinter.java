package dev.aino.server.cli;

import dev.aino.error.AinoException;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogStream;
import dev.aino.server.client.AinoClient;
import dev.aino.server.client.FollowedLog;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prints log lines as {@code aino logs} shows them: stdout lines to stdout, stderr lines to stderr,
 * optionally after the time and an instance prefix. Thread-safe, so the followers of a workload's
 * instances can share one.
 */
final class LogPrinter {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean timestamps;
  private final String prefix;
  private final AtomicBoolean printed;

  /**
   * @param prefix put before every line (e.g. {@code "web-x7k2p | "}), or null
   */
  LogPrinter(PrintWriter out, PrintWriter err, boolean timestamps, String prefix) {
    this(out, err, timestamps, prefix, new AtomicBoolean());
  }

  private LogPrinter(
      PrintWriter out, PrintWriter err, boolean timestamps, String prefix, AtomicBoolean printed) {
    this.out = out;
    this.err = err;
    this.timestamps = timestamps;
    this.prefix = prefix;
    this.printed = printed;
  }

  /** The same streams and settings with another prefix. */
  LogPrinter withPrefix(String linePrefix) {
    return new LogPrinter(out, err, timestamps, linePrefix, printed);
  }

  /** True once this printer, or one made from it with another prefix, printed a line. */
  boolean printedAny() {
    return printed.get();
  }

  void print(LogLine line) {
    PrintWriter target = line.stream() == LogStream.STDERR ? err : out;
    StringBuilder sb = new StringBuilder();
    if (prefix != null) {
      sb.append(prefix);
    }
    if (timestamps) {
      sb.append(line.timestamp()).append(' ');
    }
    sb.append(line.text());
    synchronized (LogPrinter.class) {
      target.println(sb);
    }
    printed.set(true);
  }

  void flush() {
    synchronized (LogPrinter.class) {
      out.flush();
      err.flush();
    }
  }

  /**
   * Prints the instance's backlog, then each new line as it arrives, until its container ends.
   *
   * @return 0
   * @throws AinoException when the log cannot be opened or breaks off
   */
  int follow(AinoClient client, String instanceId, LogQuery backlog) {
    return follow(client, instanceId, backlog, List.of());
  }

  /**
   * Like {@link #follow(AinoClient, String, LogQuery)}, for a follow that resumes at the timestamp
   * of the last of the lines already {@code printed}: the server sends the lines with that
   * timestamp again, and those are skipped.
   */
  int follow(AinoClient client, String instanceId, LogQuery backlog, List<LogLine> printed) {
    Instant resumedAt = printed.isEmpty() ? null : printed.get(printed.size() - 1).timestamp();
    List<LogLine> repeats = printed.stream().filter(l -> l.timestamp().equals(resumedAt)).toList();
    int skipped = 0;
    try (FollowedLog log = client.followLogs(instanceId, backlog)) {
      for (LogLine line = log.next(); line != null; line = log.next()) {
        if (skipped < repeats.size() && repeats.get(skipped).equals(line)) {
          skipped++;
          continue;
        }
        skipped = repeats.size(); // past the repeats: print everything from here on
        print(line);
        flush();
      }
    }
    return 0;
  }
}
