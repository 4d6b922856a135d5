package dev.aino.server.cli;

import dev.aino.api.DrainResult;
import dev.aino.server.client.AinoClient;
import dev.aino.text.Counts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aino drain NODE}: cordons the node and moves its instances elsewhere. */
@Command(
    name = "drain",
    mixinStandardHelpOptions = true,
    description = {
      "Cordon a node and stop its instances, so that their workloads replace them on other"
          + " nodes. Returns at once; 'aino ps --node NODE' shows them stopping.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {"  aino drain n1"})
final class DrainCommand extends ServerCommand {
  @Parameters(paramLabel = "NODE", description = "The node.")
  private String node;

  DrainCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    DrainResult result = client.drain(node);
    if (!printStructured(result)) {
      out()
          .println(
              "node/"
                  + node
                  + " drained: cordoned, "
                  + Counts.of(result.stopping(), "instance")
                  + " stopping");
    }
    return 0;
  }
}
