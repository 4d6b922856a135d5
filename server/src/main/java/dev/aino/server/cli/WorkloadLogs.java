package dev.aino.server.cli;

import dev.aino.error.AinoException;
import dev.aino.model.Instance;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.server.client.AinoClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code aino logs WORKLOAD}: the logs of each started instance, every line prefixed with its
 * instance's id padded to one width; merged by time, and when followed, then every new line as it
 * comes (one thread per instance), taking in instances that start while it follows. Instances that
 * have not started are named on stderr with their phase.
 */
final class WorkloadLogs {
  /** Stands for an instance whose log could not be read: nothing to follow, nothing to wait for. */
  private static final Thread ENDED = new Thread(() -> {});

  /** How often a follow looks for instances that started since. */
  private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(1);

  private final AinoClient client;
  private final String workload;
  private final List<Instance> instances;
  private final PrintWriter err;
  private final LogPrinter printer;
  private final int width;

  WorkloadLogs(
      AinoClient client,
      String workload,
      List<Instance> instances,
      PrintWriter out,
      PrintWriter err,
      boolean timestamps) {
    this.client = client;
    this.workload = workload;
    this.instances = instances;
    this.err = err;
    this.printer = new LogPrinter(out, err, timestamps, null);
    this.width = instances.stream().mapToInt(i -> i.id().length()).max().orElse(0);
  }

  /** True once a line of some instance was printed. */
  boolean printedAny() {
    return printer.printedAny();
  }

  /** Prints, or follows; returns 1 when the logs of some instance could not be read. */
  int print(LogQuery query, boolean follow) {
    List<Instance> started = new ArrayList<>();
    for (Instance i : instances) {
      if (!hasStarted(i)) {
        err.println(prefix(i) + "(not started: " + i.phase() + reasonOf(i) + ")");
      } else {
        started.add(i);
      }
    }
    printer.flush();
    return follow ? followAll(started, query) : printMerged(started, query);
  }

  private int printMerged(List<Instance> started, LogQuery query) {
    AtomicInteger failed = new AtomicInteger();
    printBacklogs(started, query, failed);
    return failed.get() == 0 ? 0 : 1;
  }

  /**
   * Reads the lines {@code query} selects of every instance ({@code --tail} counts per instance),
   * prints them merged by time, and returns each readable instance's lines by its id.
   */
  private Map<String, List<LogLine>> printBacklogs(
      List<Instance> started, LogQuery query, AtomicInteger failed) {
    record Prefixed(String prefix, LogLine line) {}
    Map<String, List<LogLine>> backlogs = new LinkedHashMap<>();
    List<Prefixed> all = new ArrayList<>();
    for (Instance i : started) {
      try {
        List<LogLine> lines = client.logs(i.id(), query).lines();
        backlogs.put(i.id(), lines);
        lines.forEach(l -> all.add(new Prefixed(prefix(i), l)));
      } catch (AinoException e) {
        err.println(prefix(i) + "(cannot read its logs: " + e.getMessage() + ")");
        failed.incrementAndGet();
      }
    }
    // A stable sort: lines of one instance with one timestamp keep their order.
    all.sort(Comparator.comparing(p -> p.line().timestamp()));
    all.forEach(p -> printer.withPrefix(p.prefix()).print(p.line()));

    printer.flush();
    return backlogs;
  }

  /**
   * Follows every started instance at once, and every instance that starts later (a replica scaled
   * up, a replacement for one that crashed), from its first line; says so on stderr. Ends once
   * every followed log has ended and the workload has no instance left that may yet start or run:
   * all stopped, or the workload deleted.
   */
  private int followAll(List<Instance> started, LogQuery query) {
    AtomicInteger failed = new AtomicInteger();
    Map<String, Thread> followers = new LinkedHashMap<>();
    Map<String, List<LogLine>> backlogs = printBacklogs(started, query, failed);
    for (Instance i : started) {
      List<LogLine> backlog = backlogs.get(i.id());
      followers.put(
          i.id(), backlog == null ? ENDED : follow(i, after(backlog, query), backlog, failed));
    }
    try {
      while (true) {
        Thread.sleep(DISCOVERY_INTERVAL.toMillis());
        List<Instance> current;
        try {
          current = client.instances(workload, null, null);
        } catch (AinoException e) {
          report("(cannot list the instances of " + workload + ": " + e.getMessage() + ")");
          failed.incrementAndGet();
          break;
        }
        boolean mayStillRun = false;
        for (Instance i : current) {
          if (!i.phase().isTerminal()) {
            mayStillRun = true;
          }
          if (hasStarted(i) && !followers.containsKey(i.id())) {
            report(prefix(i) + "(started; following it)");
            followers.put(i.id(), follow(i, LogQuery.all(), List.of(), failed));
          }
        }
        if (!mayStillRun && followers.values().stream().noneMatch(Thread::isAlive)) {
          break;
        }
      }
      for (Thread t : followers.values()) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return failed.get() == 0 ? 0 : 1;
  }

  /**
   * What to follow after a printed backlog: from its last line's time (the server sends the lines
   * with that time again, which the follower skips), or, when it printed nothing, what the query
   * selects (with {@code --tail 0}: only new lines).
   */
  private static LogQuery after(List<LogLine> backlog, LogQuery query) {
    if (backlog.isEmpty()) {
      return query;
    }
    return new LogQuery(null, backlog.get(backlog.size() - 1).timestamp(), query.maxBytes());
  }

  private Thread follow(Instance i, LogQuery query, List<LogLine> printed, AtomicInteger failed) {
    Thread t =
        new Thread(
            () -> {
              try {
                printer.withPrefix(prefix(i)).follow(client, i.id(), query, printed);
              } catch (AinoException e) {
                report(prefix(i) + "(log ended: " + e.getMessage() + ")");
                failed.incrementAndGet();
              }
            },
            "aino-logs-" + i.id());
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** A line on stderr, between whole lines of the followers. */
  private void report(String line) {
    synchronized (LogPrinter.class) {
      err.println(line);
      err.flush();
    }
  }

  private static boolean hasStarted(Instance i) {
    return i.containerId() != null && !i.containerId().isEmpty();
  }

  private String prefix(Instance i) {
    return String.format("%-" + width + "s | ", i.id());
  }

  private static String reasonOf(Instance i) {
    return i.reason() == null || i.reason().isEmpty() ? "" : ", " + i.reason();
  }
}
