package dev.aino.server.cli;

import dev.aino.error.AinoException;
import dev.aino.model.Instance;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.server.client.AinoClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code aino logs WORKLOAD}: the logs of each started instance, every line prefixed with its
 * instance's id padded to one width; merged by time, or followed all at once (one thread per
 * instance). Instances that have not started are named on stderr with their phase.
 */
final class WorkloadLogs {
  private final AinoClient client;
  private final List<Instance> instances;
  private final PrintWriter err;
  private final LogPrinter printer;
  private final int width;

  WorkloadLogs(
      AinoClient client,
      List<Instance> instances,
      PrintWriter out,
      PrintWriter err,
      boolean timestamps) {
    this.client = client;
    this.instances = instances;
    this.err = err;
    this.printer = new LogPrinter(out, err, timestamps, null);
    this.width = instances.stream().mapToInt(i -> i.id().length()).max().orElse(0);
  }

  /** Prints, or follows; returns 1 when the logs of some instance could not be read. */
  int print(LogQuery query, boolean follow) {
    List<Instance> started = new ArrayList<>();
    for (Instance i : instances) {
      if (i.containerId() == null || i.containerId().isEmpty()) {
        err.println(prefix(i) + "(not started: " + i.phase() + reasonOf(i) + ")");
      } else {
        started.add(i);
      }
    }
    printer.flush();
    return follow ? followAll(started, query) : printMerged(started, query);
  }

  private int printMerged(List<Instance> started, LogQuery query) {
    record Prefixed(String prefix, LogLine line) {}
    List<Prefixed> all = new ArrayList<>();
    int failed = 0;
    for (Instance i : started) {
      try {
        client.logs(i.id(), query).lines().forEach(l -> all.add(new Prefixed(prefix(i), l)));
      } catch (AinoException e) {
        err.println(prefix(i) + "(cannot read its logs: " + e.getMessage() + ")");
        failed++;
      }
    }
    all.sort(Comparator.comparing(p -> p.line().timestamp()));
    all.forEach(p -> printer.withPrefix(p.prefix()).print(p.line()));
    printer.flush();
    return failed == 0 ? 0 : 1;
  }

  private int followAll(List<Instance> started, LogQuery query) {
    AtomicInteger failed = new AtomicInteger();
    List<Thread> followers = new ArrayList<>();
    for (Instance i : started) {
      Thread t =
          new Thread(
              () -> {
                try {
                  printer.withPrefix(prefix(i)).follow(client, i.id(), query);
                } catch (AinoException e) {
                  synchronized (LogPrinter.class) {
                    err.println(prefix(i) + "(log ended: " + e.getMessage() + ")");
                    err.flush();
                  }
                  failed.incrementAndGet();
                }
              },
              "aino-logs-" + i.id());
      t.setDaemon(true);
      t.start();
      followers.add(t);
    }
    for (Thread t : followers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    return failed.get() == 0 ? 0 : 1;
  }

  private String prefix(Instance i) {
    return String.format("%-" + width + "s | ", i.id());
  }

  private static String reasonOf(Instance i) {
    return i.reason() == null || i.reason().isEmpty() ? "" : ", " + i.reason();
  }
}
