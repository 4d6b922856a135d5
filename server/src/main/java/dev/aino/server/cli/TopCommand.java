package dev.aino.server.cli;

import dev.aino.api.InstanceUsage;
import dev.aino.error.AinoException;
import dev.aino.model.Instance;
import dev.aino.server.client.AinoClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aino top [WORKLOAD]}: the CPU and memory each running instance used lately, also in
 * percent of its request, which is what the autoscaler compares with its targets.
 */
@Command(
    name = "top",
    mixinStandardHelpOptions = true,
    description = {
      "Show the CPU and memory use of running instances, averaged over their node's usage window"
          + " (30 s), and in percent of each instance's request.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {"  aino top", "  aino top web", "  aino top --node n1 -o json"})
final class TopCommand extends ServerCommand {
  private static final long MIB = 1024L * 1024;

  @Parameters(arity = "0..1", paramLabel = "WORKLOAD", description = "Only this workload's.")
  private String workload;

  @Option(names = "--node", paramLabel = "NODE", description = "Only those on this node.")
  private String node;

  TopCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    List<Instance> running = client.instances(workload, node, "running");
    List<InstanceUsage> usages = new ArrayList<>();
    Table table = new Table("INSTANCE", "WORKLOAD", "NODE", "CPU", "CPU%", "MEMORY", "MEMORY%");
    List<String> unmeasured = new ArrayList<>();
    for (Instance i : running) {
      InstanceUsage u;
      try {
        u = client.stats(i.id());
      } catch (AinoException e) {
        unmeasured.add(i.id() + ": " + e.getMessage());
        continue;
      }
      usages.add(u);
      boolean measured = u.measured();
      table.row(
          u.instance(),
          u.workload(),
          u.node(),
          measured ? Units.cpu(u.cpuMillis()) : "",
          measured ? u.cpuPercent() + "%" : "",
          Units.memory(Math.round((double) u.memoryBytes() / MIB)),
          u.memoryPercent() + "%");
    }
    if (printStructured(usages)) {
      return 0;
    }
    if (running.isEmpty()) {
      err().println("No running instances found.");
      return 0;
    }
    if (!table.isEmpty()) {
      table.print(out());
    }
    for (String line : unmeasured) {
      err().println("not measured: " + line);
    }
    return 0;
  }
}
