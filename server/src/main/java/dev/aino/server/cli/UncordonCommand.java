package dev.aino.server.cli;

import dev.aino.model.Node;
import dev.aino.server.client.AinoClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aino uncordon NODE}: the node takes new instances again. */
@Command(
    name = "uncordon",
    mixinStandardHelpOptions = true,
    description = {"Mark a node schedulable again after cordon or drain.", ""},
    footerHeading = "%nExamples:%n",
    footer = {"  aino uncordon n1"})
final class UncordonCommand extends ServerCommand {
  @Parameters(paramLabel = "NODE", description = "The node.")
  private String node;

  UncordonCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    Node uncordoned = client.uncordon(node);
    if (!printStructured(uncordoned)) {
      out().println("node/" + node + " uncordoned");
    }
    return 0;
  }
}
