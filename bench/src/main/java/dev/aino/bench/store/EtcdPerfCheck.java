package dev.aino.bench.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * etcd's own verdict on this disk and machine: {@code etcdctl check perf --load=s} (60 seconds of
 * 150 writes/s from 50 clients), for context beside the benchmark's figures.
 */
final class EtcdPerfCheck {
  private static final long TIMEOUT_SECONDS = 180;

  private EtcdPerfCheck() {}

  /** e.g. {@code PASS (Throughput is 150 writes/s; Slowest request took 0.10s; ...)}. */
  static String run(String endpoint) {
    ProcessBuilder builder =
        new ProcessBuilder(List.of("etcdctl", "--endpoints", endpoint, "check", "perf", "--load=s"))
            .redirectErrorStream(true);
    builder.environment().put("ETCDCTL_API", "3");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return "not run: cannot start etcdctl (install Debian's etcd-client): " + e.getMessage();
    }
    try (InputStream output = process.getInputStream()) {
      String text = new String(output.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "no verdict after " + TIMEOUT_SECONDS + " s";
      }
      return verdict(text);
    } catch (IOException e) {
      process.destroyForcibly();
      return "failed: " + e.getMessage();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * The last line is the verdict (PASS or FAIL), the ones before it its reasons. etcdctl draws a
   * progress bar first, with carriage returns; the bar's last state ends in a percentage, sometimes
   * followed by the time taken, and the first reason may follow on the same line.
   */
  static String verdict(String output) {
    int firstNewline = output.indexOf('\n');
    int barEnd = firstNewline < 0 ? -1 : output.lastIndexOf('%', firstNewline);
    String report =
        output.substring(barEnd + 1).replaceFirst("^[ \\t]*\\d[\\dhms.]*[ \\t]*\\n", "");
    List<String> lines = report.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    if (lines.isEmpty()) {
      return "no verdict; etcdctl printed nothing";
    }
    String last = lines.get(lines.size() - 1);
    if (!last.equals("PASS") && !last.equals("FAIL")) {
      return "no verdict; etcdctl said: " + last;
    }
    List<String> reasons = lines.subList(0, lines.size() - 1);
    return reasons.isEmpty() ? last : last + " (" + String.join("; ", reasons) + ")";
  }
}
