package dev.aino.server.cli;

import dev.aino.api.WorkloadStatus;
import dev.aino.server.client.AinoClient;
import dev.aino.text.Counts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code aino scale NAME N}: sets a workload's replica count. */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description = {"Set the number of replicas of a workload.", ""},
    footerHeading = "%nExamples:%n",
    footer = {"  aino scale web 5", "  aino scale web 0     stop all, keep the workload"})
final class ScaleCommand extends ServerCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "The workload.")
  private String name;

  @Parameters(index = "1", paramLabel = "N", description = "The replica count, 0 or more.")
  private int replicas;

  @Mixin private ForceOption force = new ForceOption();

  ScaleCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    WorkloadStatus status = client.scale(name, replicas, force.given());
    if (!printStructured(status)) {
      out()
          .println(
              "workload/"
                  + name
                  + " scaled to "
                  + Counts.of(status.desired(), "replica")
                  + " (generation "
                  + status.workload().generation()
                  + ")");
      var policy = status.workload().spec().autoscale();
      if (status.desired() != replicas && policy != null) {
        out()
            .println(
                "  not "
                    + replicas
                    + ": its autoscale policy keeps it at "
                    + policy.describe()
                    + "; the autoscaler moves it within those bounds");
      }
    }
    return 0;
  }
}
