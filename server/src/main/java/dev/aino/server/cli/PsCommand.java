package dev.aino.server.cli;

import dev.aino.model.Instance;
import dev.aino.server.client.AinoClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aino ps [WORKLOAD]}: the instances table, optionally of one workload. */
@Command(
    name = "ps",
    mixinStandardHelpOptions = true,
    description = {"List instances: where each runs, its phase, readiness and restarts.", ""},
    footerHeading = "%nExamples:%n",
    footer = {"  aino ps", "  aino ps web", "  aino ps --node n1 --phase running"})
final class PsCommand extends ServerCommand {
  @Parameters(arity = "0..1", paramLabel = "WORKLOAD", description = "Only this workload's.")
  private String workload;

  @Option(names = "--node", paramLabel = "NODE", description = "Only those on this node.")
  private String node;

  @Option(
      names = "--phase",
      paramLabel = "PHASE",
      description = "Only those in this phase, e.g. running or pending.")
  private String phase;

  PsCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    List<Instance> instances = client.instances(workload, node, phase);
    if (printStructured(instances)) {
      return 0;
    }
    if (instances.isEmpty()) {
      err().println("No instances found.");
    } else {
      Tables.instances(instances, now()).print(out());
    }
    return 0;
  }
}
