package dev.aino.server.cli;

import dev.aino.model.Node;
import dev.aino.server.client.AinoClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aino cordon NODE}: no new instances go to the node. */
@Command(
    name = "cordon",
    mixinStandardHelpOptions = true,
    description = {"Mark a node unschedulable: no new instances go there; those running stay.", ""},
    footerHeading = "%nExamples:%n",
    footer = {"  aino cordon n1"})
final class CordonCommand extends ServerCommand {
  @Parameters(paramLabel = "NODE", description = "The node.")
  private String node;

  CordonCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    Node cordoned = client.cordon(node);
    if (!printStructured(cordoned)) {
      out().println("node/" + node + " cordoned");
    }
    return 0;
  }
}
