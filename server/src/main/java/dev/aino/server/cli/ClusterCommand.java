package dev.aino.server.cli;

import dev.aino.api.ClusterSummary;
import dev.aino.model.InstancePhase;
import dev.aino.model.Resources;
import dev.aino.server.client.AinoClient;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
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
    out.println("Nodes:      " + c.nodes() + " (" + c.readyNodes() + " ready and schedulable)");
    out.println("CPU:        " + use(c, Resources::cpuMillis, Units::cpu));
    out.println("Memory:     " + use(c, Resources::memoryMiB, Units::memory));
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

  /** For example {@code 300m of 2 allocated, 1700m free}. */
  private static String use(
      ClusterSummary c, ToLongFunction<Resources> amount, LongFunction<String> format) {
    return format.apply(amount.applyAsLong(c.allocated()))
        + " of "
        + format.apply(amount.applyAsLong(c.allocatable()))
        + " allocated, "
        + format.apply(amount.applyAsLong(c.free()))
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
