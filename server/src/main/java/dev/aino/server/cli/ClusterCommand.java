package dev.aino.server.cli;

import dev.aino.api.ClusterSummary;
import dev.aino.model.InstancePhase;
import dev.aino.model.Resources;
import dev.aino.server.client.AinoClient;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code aino cluster}: the cluster at a glance, and what needs attention. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Show the cluster at a glance: nodes, capacity and use, workloads, instances by phase, and"
          + " the problems that need attention.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {"  aino cluster", "  aino cluster -o json"})
final class ClusterCommand extends ServerCommand {
  ClusterCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    ClusterSummary c = client.cluster();
    if (printStructured(c)) {
      return 0;
    }
    PrintWriter out = out();
    if (c.leader() != null) {
      out.println("Leader:     " + c.leader());
    }
    out.println("Nodes:      " + c.nodes() + " (" + c.readyNodes() + " ready and schedulable)");
    out.println("CPU:        " + use(c, Resources::cpuMillis, Units::cpuUnit));
    out.println("Memory:     " + use(c, Resources::memoryMiB, Units::memoryUnit));
    out.println("Workloads:  " + c.workloads());
    out.println("Instances:  " + phases(c.instancesByPhase()));
    if (c.problems().isEmpty()) {
      out.println("Problems:   none");
    } else {
      out.println("Problems:");
      c.problems().forEach(p -> out.println("  - " + p));
    }
    return 0;
  }

  /** For example {@code 300m of 2000m allocated, 1700m free}: one unit on the line. */
  private static String use(
      ClusterSummary c,
      ToLongFunction<Resources> amount,
      Function<long[], LongFunction<String>> unit) {
    long allocated = amount.applyAsLong(c.allocated());
    long allocatable = amount.applyAsLong(c.allocatable());
    long free = amount.applyAsLong(c.free());
    LongFunction<String> format = unit.apply(new long[] {allocated, allocatable, free});
    return format.apply(allocated)
        + " of "
        + format.apply(allocatable)
        + " allocated, "
        + format.apply(free)
        + " free";
  }

  private static String phases(Map<InstancePhase, Integer> byPhase) {
    if (byPhase.isEmpty()) {
      return "none";
    }
    return byPhase.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
