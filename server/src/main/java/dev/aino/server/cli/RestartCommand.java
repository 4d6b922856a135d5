package dev.aino.server.cli;

import dev.aino.model.Instance;
import dev.aino.server.client.AinoClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aino restart INSTANCE_ID}: replaces one instance with a fresh one. */
@Command(
    name = "restart",
    mixinStandardHelpOptions = true,
    description = {
      "Restart an instance: it is stopped and its workload starts a fresh one in its place.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {"  aino restart web-x7k2p      (ids as 'aino ps' lists them)"})
final class RestartCommand extends ServerCommand {
  @Parameters(paramLabel = "INSTANCE_ID", description = "The instance.")
  private String id;

  RestartCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    Instance stopping = client.restart(id);
    if (!printStructured(stopping)) {
      out().println("instance/" + id + " restarting (a fresh instance replaces it)");
    }
    return 0;
  }
}
