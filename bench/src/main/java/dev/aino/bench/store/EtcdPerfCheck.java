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
   * The last PASS/FAIL line is the verdict; the ones before it are its reasons. etcdctl draws its
   * progress bar with carriage returns, which {@link String#lines()} splits on too.
   */
  static String verdict(String output) {
    List<String> lines =
        output
            .lines()
            .map(String::trim)
            .filter(line -> line.startsWith("PASS") || line.startsWith("FAIL"))
            .toList();
    if (lines.isEmpty()) {
      List<String> all = output.trim().lines().toList();
      return "no verdict; etcdctl said: " + (all.isEmpty() ? "nothing" : all.get(all.size() - 1));
    }
    String last = lines.get(lines.size() - 1);
    List<String> reasons = lines.subList(0, lines.size() - 1);
    return reasons.isEmpty() ? last : last + " (" + String.join("; ", reasons) + ")";
  }
}
