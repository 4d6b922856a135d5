package dev.aino.server.cli;

import dev.aino.model.Instance;
import dev.aino.server.client.AinoClient;
import dev.aino.text.Counts;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aino ps [WORKLOAD]}: the instances table, optionally of one workload. */
@Command(
    name = "ps",
    mixinStandardHelpOptions = true,
    description = {
      "List instances: where each runs, its phase, readiness and restarts. Instances that have"
          + " ended (succeeded, failed, lost or terminated) are left out unless -a or --phase asks"
          + " for them, as 'docker ps' does.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aino ps",
      "  aino ps -a web                 with the ended ones",
      "  aino ps --node n1 --phase running",
      "  aino ps -o wide web            with each instance's IP and ports"
    })
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

  @Option(
      names = {"-a", "--all"},
      description = "Also the instances that have ended (kept a while for troubleshooting).")
  private boolean all;

  PsCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    List<Instance> listed = client.instances(workload, node, phase);
    boolean showEnded = all || phase != null;
    List<Instance> instances =
        showEnded ? listed : listed.stream().filter(i -> !i.phase().isTerminal()).toList();
    if (printStructured(instances)) {
      return 0;
    }
    int hidden = listed.size() - instances.size();
    if (instances.isEmpty()) {
      err()
          .println(
              hidden == 0
                  ? "No instances found."
                  : "No live instances; "
                      + Counts.of(hidden, "ended one")
                      + " left out ('aino ps -a' shows them).");
    } else {
      (output() == OutputFormat.WIDE
              ? Tables.instancesWide(instances, now())
              : Tables.instances(instances, now()))
          .print(out());
    }
    return 0;
  }
}
