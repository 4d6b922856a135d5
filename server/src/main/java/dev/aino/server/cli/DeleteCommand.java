package dev.aino.server.cli;

import dev.aino.model.Workload;
import dev.aino.server.client.AinoClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code aino delete NAME}: stops a workload's instances, then removes it. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete a workload: its instances are stopped, then it is removed. Returns at once; 'aino"
          + " get workloads' shows it as Deleting until it is gone.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {"  aino delete web"})
final class DeleteCommand extends ServerCommand {
  @Parameters(paramLabel = "NAME", description = "The workload.")
  private String name;

  @Mixin private ForceOption force = new ForceOption();

  DeleteCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    Workload marked = client.delete(name, force.given());
    if (!printStructured(marked)) {
      out().println("workload/" + name + " deleting (its instances stop, then it is removed)");
    }
    return 0;
  }
}
