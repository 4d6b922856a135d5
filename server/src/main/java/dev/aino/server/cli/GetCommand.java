package dev.aino.server.cli;

import dev.aino.api.NodeSummary;
import dev.aino.api.Page;
import dev.aino.api.WorkloadStatus;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.server.client.AinoClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code aino get KIND [NAME]}: lists or shows workloads, instances, nodes or events. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "List workloads, instances, nodes or events as a table, or show one by name.",
      "",
      "For events, NAME is KIND/NAME of the object they are about (workload/web, node/n1,"
          + " instance/web-x7k2p); a bare name means a workload. Events are newest last.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aino get workloads",
      "  aino get workloads web -o yaml",
      "  aino get instances",
      "  aino get nodes",
      "  aino get events workload/web",
      "  aino get events --by incident-bot",
    })
final class GetCommand extends ServerCommand {
  /** The most events one {@code get events} fetches: the server's page maximum. */
  static final int MAX_EVENTS = 5000;

  @Parameters(
      index = "0",
      paramLabel = "KIND",
      description = "workloads, instances, nodes or events (singular works too).")
  private String kind;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Only this one.")
  private String name;

  @Option(
      names = "--by",
      paramLabel = "CALLER",
      description = "Events: only those caused by this caller (its token's name).")
  private String by;

  GetCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    switch (kind.toLowerCase(Locale.ROOT)) {
      case "workloads":
      case "workload":
        return workloads(client);
      case "instances":
      case "instance":
        return instances(client);
      case "nodes":
      case "node":
        return nodes(client);
      case "events":
      case "event":
        return events(client);
      default:
        throw new ParameterException(
            spec().commandLine(),
            "KIND: must be one of workloads, instances, nodes, events, got \"" + kind + "\"");
    }
  }

  private int workloads(AinoClient client) {
    // Printed as manifests with the status apart, so that apply reads them back.
    if (name != null) {
      WorkloadStatus one = client.workload(name);
      return print(
          PrintedWorkload.of(one),
          List.of(one),
          Tables.workloads(List.of(one), now()),
          "workloads");
    }
    List<WorkloadStatus> all = client.workloads();
    return print(PrintedWorkload.of(all), all, Tables.workloads(all, now()), "workloads");
  }

  private int instances(AinoClient client) {
    if (name != null) {
      Instance one = client.instance(name);
      return print(one, List.of(one), Tables.instances(List.of(one), now()), "instances");
    }
    List<Instance> all = client.instances(null, null, null);
    return print(all, all, Tables.instances(all, now()), "instances");
  }

  private int nodes(AinoClient client) {
    if (name != null) {
      NodeSummary one = client.node(name);
      return print(one, List.of(one), Tables.nodes(List.of(one), now()), "nodes");
    }
    List<NodeSummary> all = client.nodes();
    return print(all, all, Tables.nodes(all, now()), "nodes");
  }

  private int events(AinoClient client) {
    Page<Event> page;
    if (name == null) {
      page = client.events(null, null, by, MAX_EVENTS);
    } else {
      int slash = name.indexOf('/');
      String objectKind = slash < 0 ? "workload" : name.substring(0, slash);
      page = client.events(objectKind, name.substring(slash + 1), by, MAX_EVENTS);
    }
    List<Event> newestLast = new ArrayList<>(page.items());
    Collections.reverse(newestLast);
    print(newestLast, newestLast, Tables.events(newestLast, now()), "events");
    if (page.truncated() && output().isTable()) {
      err().println("(the newest " + page.items().size() + " of " + page.total() + " events)");
    }
    return 0;
  }

  /** The structured form of {@code value}, or the table; a note on stderr when it is empty. */
  private int print(Object value, List<?> items, Table table, String what) {
    if (printStructured(value)) {
      return 0;
    }
    if (items.isEmpty()) {
      err().println("No " + what + " found.");
    } else {
      table.print(out());
    }
    return 0;
  }
}
