package dev.aino.server.cli;

import dev.aino.api.NodeSummary;
import dev.aino.api.WorkloadStatus;
import dev.aino.error.ValidationException;
import dev.aino.model.Event;
import dev.aino.model.HealthCheck;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.Resources;
import dev.aino.model.WorkloadSpec;
import dev.aino.server.client.AinoClient;
import dev.aino.text.Counts;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code aino describe workload|node NAME}: everything about one object on one screen, as {@code
 * kubectl describe} shows it: its spec, its status, its instances and its recent events.
 */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = {
      "Show one workload or node in detail: spec, status, instances and recent events.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {"  aino describe workload web", "  aino describe node n1"})
final class DescribeCommand extends ServerCommand {
  /** Events shown at most: the latest ones. */
  static final int RECENT_EVENTS = 20;

  @Parameters(index = "0", paramLabel = "KIND", description = "workload or node.")
  private String kind;

  @Parameters(index = "1", paramLabel = "NAME", description = "Its name.")
  private String name;

  DescribeCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "workload":
      case "workloads":
        return workload(client);
      case "node":
      case "nodes":
        return node(client);
      default:
        throw new ParameterException(
            spec().commandLine(), "KIND: must be workload or node, got \"" + kind + "\"");
    }
  }

  private int workload(AinoClient client) {
    WorkloadStatus status = client.workload(name);
    List<Instance> instances = client.instances(name, null, null);
    List<Event> events = recent(client, e -> aboutWorkload(e, name));
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("status", status);
    all.put("instances", instances);
    all.put("events", events);
    if (printStructured(all)) {
      return 0;
    }
    WorkloadSpec spec = status.workload().spec();
    Fields fields = new Fields();
    fields.add("Name", name);
    fields.add("Generation", Long.toString(status.workload().generation()));
    fields.add("Manager", Tables.manager(status.workload()));
    fields.add("Created", when(status.workload().createdAt()));
    if (status.workload().isDeleting()) {
      fields.add("Deleting since", when(status.workload().deletionRequestedAt()));
    }
    fields.add("Image", spec.image());
    fields.add("Command", words(spec.command()));
    fields.add("Args", words(spec.args()));
    fields.add("Env", pairs(spec.env()));
    fields.add("Resources", resources(spec.resources()) + " per instance");
    fields.add(
        "Replicas",
        String.format(
            Locale.ROOT,
            "%d desired, %d placed, %d running, %d ready, %d pending, %d failed, %d succeeded,"
                + " %s",
            status.desired(),
            status.placed(),
            status.running(),
            status.ready(),
            status.pending(),
            status.failed(),
            status.succeeded(),
            Counts.of(status.restarts(), "restart")));
    fields.add("Restart policy", Tables.titleCase(spec.restartPolicy().name()));
    fields.add(
        "Stop grace period",
        spec.stopGracePeriodSeconds() == null
            ? "10s (the default)"
            : spec.stopGracePeriodSeconds() + "s");
    if (spec.runsInit()) {
      fields.add("Init", "aino-init as PID 1 (forwards signals, reaps orphans)");
    }
    fields.add(
        "Placement",
        Tables.titleCase(spec.placement().strategy().name())
            + (spec.placement().nodeSelector().isEmpty()
                ? ""
                : ", node selector: " + pairs(spec.placement().nodeSelector())));
    fields.add("Health check", healthCheck(spec.healthCheck()));
    fields.add(
        "Update",
        "maxSurge "
            + spec.update().maxSurge()
            + ", maxUnavailable "
            + spec.update().maxUnavailable());
    if (spec.autoscale() != null) {
      fields.add("Autoscale", spec.autoscale().describe());
    }
    fields.add("Labels", pairs(spec.labels()));
    fields.add("State", status.state() + ": " + status.message());
    if (status.usage() != null && status.usage().instances() > 0) {
      var u = status.usage();
      fields.add(
          "Usage",
          Units.cpu(u.cpuMillis())
              + " CPU ("
              + u.cpuPercent()
              + "% of request), "
              + Units.memory(Math.round(u.memoryBytes() / (1024.0 * 1024)))
              + " memory ("
              + u.memoryPercent()
              + "% of request), average of "
              + u.instances()
              + " running instance(s)"
              + (u.unmeasured() > 0 ? "; " + u.unmeasured() + " not measured yet" : ""));
    }
    fields.print(out());
    section("Instances", instances.isEmpty() ? null : Tables.instancesOfWorkload(instances, now()));
    section("Events", events.isEmpty() ? null : Tables.events(events, now()));
    return 0;
  }

  private int node(AinoClient client) {
    NodeSummary summary = client.node(name);
    List<Instance> instances = client.instances(null, name, null);
    List<Event> events =
        recent(client, e -> e.object().kind().equals("node") && e.object().name().equals(name));
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("node", summary);
    all.put("instances", instances);
    all.put("events", events);
    if (printStructured(all)) {
      return 0;
    }
    Node n = summary.node();
    Fields fields = new Fields();
    fields.add("Name", n.name());
    fields.add("Status", Tables.titleCase(n.status().name()));
    fields.add("Schedulable", n.schedulable() ? "yes" : "no (cordoned)");
    fields.add("Address", n.address());
    fields.add("Labels", pairs(n.labels()));
    fields.add(
        "Runtime",
        n.runtime() == null
            ? null
            : (n.runtime().name() + " " + n.runtime().version()).strip()
                + (n.runtime().isolating() ? "" : " (isolates nothing)"));
    fields.add("Capacity", resources(n.capacity()));
    fields.add("Allocatable", resources(n.allocatable()));
    fields.add(
        "Allocated",
        resources(summary.allocated()) + " to " + Counts.of(summary.instances(), "instance"));
    fields.add("Free", resources(summary.free()));
    fields.add("Registered", n.registeredAt() == null ? null : when(n.registeredAt()));
    fields.add("Heartbeat", n.lastHeartbeat() == null ? "never" : when(n.lastHeartbeat()));
    fields.print(out());
    section("Instances", instances.isEmpty() ? null : Tables.instances(instances, now()));
    section("Events", events.isEmpty() ? null : Tables.events(events, now()));
    return 0;
  }

  /** The latest {@value #RECENT_EVENTS} events that {@code about} accepts, newest last. */
  private List<Event> recent(AinoClient client, Predicate<Event> about) {
    List<Event> newest =
        client.events(null, null, GetCommand.MAX_EVENTS).items().stream()
            .filter(about)
            .limit(RECENT_EVENTS)
            .collect(Collectors.toList());
    Collections.reverse(newest);
    return newest;
  }

  /** Events of the workload itself and of its instances. */
  private static boolean aboutWorkload(Event e, String workload) {
    String kind = e.object().kind();
    if (kind.equals("workload")) {
      return e.object().name().equals(workload);
    }
    if (!kind.equals("instance")) {
      return false;
    }
    try {
      return Instance.workloadOf(e.object().name()).equals(workload);
    } catch (ValidationException notAnInstanceId) {
      return false;
    }
  }

  private void section(String title, Table table) {
    PrintWriter out = out();
    out.println();
    out.println(title + ":" + (table == null ? " none" : ""));
    if (table != null) {
      table.print(out, "  ");
    }
  }

  private String when(Instant at) {
    return at + " (" + Units.age(at, now()) + " ago)";
  }

  private static String resources(Resources r) {
    return Units.cpu(r.cpuMillis()) + " CPU, " + Units.memory(r.memoryMiB()) + " memory";
  }

  private static String healthCheck(HealthCheck check) {
    if (check == null) {
      return null;
    }
    String what;
    switch (check.type()) {
      case HTTP:
        what = "HTTP GET :" + check.port() + check.path();
        break;
      case TCP:
        what = "TCP :" + check.port();
        break;
      default:
        what = "command " + words(check.command());
        break;
    }
    return what
        + " every "
        + check.intervalSeconds()
        + "s, timeout "
        + check.timeoutSeconds()
        + "s, unhealthy after "
        + Counts.of(check.failureThreshold(), "failure")
        + ", first after "
        + check.initialDelaySeconds()
        + "s";
  }

  /** Argv as a person would type it: words with spaces in single quotes. */
  private static String words(List<String> argv) {
    return argv.stream()
        .map(
            w -> w.isEmpty() || w.matches(".*[\\s'\"].*") ? "'" + w.replace("'", "'\\''") + "'" : w)
        .collect(Collectors.joining(" "));
  }

  private static String pairs(Map<String, String> map) {
    return map.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** {@code Label: value} lines with the values aligned; empty values print as {@code -}. */
  private static final class Fields {
    private final Map<String, String> fields = new LinkedHashMap<>();

    void add(String label, String value) {
      fields.put(label, value == null || value.isEmpty() ? "-" : value);
    }

    void print(PrintWriter out) {
      int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
      fields.forEach(
          (label, value) -> out.println(label + ":" + " ".repeat(width - label.length()) + value));
    }
  }
}
