package dev.aino.server.cli;

import dev.aino.api.NodeSummary;
import dev.aino.api.WorkloadStatus;
import dev.aino.model.DesiredState;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.PortBinding;
import dev.aino.model.WorkloadState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import java.util.stream.LongStream;

/** The tables of {@code aino get}: one method per kind of object. */
final class Tables {
  private Tables() {}

  static Table workloads(List<WorkloadStatus> statuses, Instant now) {
    Table table =
        new Table("NAME", "READY", "RUNNING", "PENDING", "STATE", "MANAGER", "AGE", "MESSAGE");
    for (WorkloadStatus s : statuses) {
      table.row(
          s.workload().name(),
          s.state() == WorkloadState.COMPLETED
              ? "Completed " + Math.min(s.succeeded(), s.desired()) + "/" + s.desired()
              : s.ready() + "/" + s.desired(),
          Integer.toString(s.running()),
          Integer.toString(s.pending()),
          s.state().label(),
          manager(s.workload()),
          Units.age(s.workload().createdAt(), now),
          s.message());
    }
    return table;
  }

  /** {@code alice}, {@code alice (strict)}, or {@code -} for a workload no named caller manages. */
  static String manager(dev.aino.model.Workload w) {
    if (w.manager() == null) {
      return "-";
    }
    return w.manager() + (w.ownership() == dev.aino.model.Ownership.STRICT ? " (strict)" : "");
  }

  static Table instances(List<Instance> instances, Instant now) {
    Table table =
        new Table("ID", "WORKLOAD", "NODE", "PHASE", "READY", "RESTARTS", "REASON", "AGE");
    for (Instance i : instances) {
      table.row(
          i.id(),
          i.workload(),
          i.node(),
          phase(i),
          i.ready() ? "yes" : "no",
          Integer.toString(i.restartCount()),
          i.reason(),
          Units.age(i.createdAt(), now));
    }
    return table;
  }

  /** {@code aino ps -o wide}: the instances with their address and published ports. */
  static Table instancesWide(List<Instance> instances, Instant now) {
    return withAddresses(instances, now, true);
  }

  /** Instances of one workload, for {@code describe}: no workload column, address and ports. */
  static Table instancesOfWorkload(List<Instance> instances, Instant now) {
    return withAddresses(instances, now, false);
  }

  private static Table withAddresses(List<Instance> instances, Instant now, boolean workload) {
    List<String> header =
        new ArrayList<>(
            List.of("ID", "NODE", "PHASE", "READY", "RESTARTS", "IP", "PORTS", "REASON", "AGE"));
    if (workload) {
      header.add(1, "WORKLOAD");
    }
    Table table = new Table(header.toArray(String[]::new));
    for (Instance i : instances) {
      List<String> row =
          new ArrayList<>(
              Arrays.asList(
                  i.id(),
                  i.node(),
                  phase(i),
                  i.ready() ? "yes" : "no",
                  Integer.toString(i.restartCount()),
                  i.ip(),
                  ports(i),
                  i.reason(),
                  Units.age(i.createdAt(), now)));
      if (workload) {
        row.add(1, i.workload());
      }
      table.row(row.toArray(String[]::new));
    }
    return table;
  }

  /** {@code http 21234->8080/tcp,...} as Docker writes published ports; null when none. */
  static String ports(Instance i) {
    if (i.ports().isEmpty()) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (PortBinding p : i.ports()) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(p.name())
          .append(' ')
          .append(p.hostPort())
          .append("->")
          .append(p.containerPort())
          .append('/')
          .append(p.protocol().name().toLowerCase(java.util.Locale.ROOT));
    }
    return text.toString();
  }

  /**
   * Nodes, with AGE since registration and HEARTBEAT since the agent last reported; CPU and memory
   * each in one unit for the whole column.
   */
  static Table nodes(List<NodeSummary> nodes, Instant now) {
    Table table =
        new Table(
            "NAME",
            "STATUS",
            "SCHEDULABLE",
            "CPU",
            "MEMORY",
            "RUNTIME",
            "INSTANCES",
            "AGE",
            "HEARTBEAT");
    LongFunction<String> cpu =
        Units.cpuUnit(
            nodes.stream()
                .flatMapToLong(
                    s ->
                        LongStream.of(
                            s.allocated().cpuMillis(), s.node().allocatable().cpuMillis()))
                .toArray());
    LongFunction<String> memory =
        Units.memoryUnit(
            nodes.stream()
                .flatMapToLong(
                    s ->
                        LongStream.of(
                            s.allocated().memoryMiB(), s.node().allocatable().memoryMiB()))
                .toArray());
    for (NodeSummary s : nodes) {
      Node n = s.node();
      table.row(
          n.name(),
          titleCase(n.status().name()),
          n.schedulable() ? "yes" : "no (cordoned)",
          cpu.apply(s.allocated().cpuMillis()) + "/" + cpu.apply(n.allocatable().cpuMillis()),
          memory.apply(s.allocated().memoryMiB()) + "/" + memory.apply(n.allocatable().memoryMiB()),
          n.runtime() == null ? null : (n.runtime().name() + " " + n.runtime().version()).strip(),
          Integer.toString(s.instances()),
          Units.age(n.registeredAt(), now),
          n.lastHeartbeat() == null ? "never" : Units.age(n.lastHeartbeat(), now) + " ago");
    }
    return table;
  }

  static Table events(List<Event> events, Instant now) {
    Table table = new Table("LAST SEEN", "TYPE", "REASON", "OBJECT", "BY", "MESSAGE");
    for (Event e : events) {
      table.row(
          Units.age(e.lastSeen(), now),
          titleCase(e.type().name()),
          e.reason(),
          e.object().toString(),
          // The control plane's own events name no one.
          e.actor() == null ? "-" : e.actor().name() + " via " + e.actor().surface().id(),
          folded(e, now));
    }
    return table;
  }

  /**
   * An event's message with how often it happened, e.g. {@code placed 1 instance (3 times in the
   * last 5m)}. A separate COUNT column beside "placed 1 instance" read as if the count were of
   * instances; said in the message, it is plainly how often the same thing happened.
   */
  static String folded(Event e, Instant now) {
    if (e.count() <= 1) {
      return e.message();
    }
    return e.message()
        + " ("
        + e.count()
        + " times in the last "
        + Units.age(e.firstSeen(), now)
        + ")";
  }

  /** A phase as people write it: {@code Running}; a stop asked for shows as {@code Stopping}. */
  static String phase(Instance i) {
    boolean stopping = i.desired() == DesiredState.STOP && !i.phase().isTerminal();
    return stopping ? "Stopping" : titleCase(i.phase().name());
  }

  static String titleCase(String constant) {
    String lower = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
