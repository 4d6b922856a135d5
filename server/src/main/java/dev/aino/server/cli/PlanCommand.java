package dev.aino.server.cli;

import dev.aino.api.PlanResult;
import dev.aino.server.client.AinoClient;
import dev.aino.text.Counts;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code aino plan -f FILE}: what {@code apply} would do, changing nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show what applying a manifest file would change, without changing anything: whether each"
          + " workload would be created or updated, how many new instances would go to which node,"
          + " or why they cannot be placed. The new instances' ids are drawn when they are created.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {"  aino plan -f examples/web.yaml"})
final class PlanCommand extends ServerCommand {
  @Mixin private ManifestFileOption manifestFile = new ManifestFileOption();

  PlanCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    List<PlanResult> plans = new ArrayList<>();
    for (ManifestFiles.Manifest manifest : manifestFile.read(context().stdin())) {
      plans.add(client.plan(manifest.document()));
    }
    if (printStructured(plans.size() == 1 ? plans.get(0) : plans)) {
      return 0;
    }
    for (PlanResult plan : plans) {
      out().println(plan.summary() + " [generation " + plan.generation() + "]");
      for (PlanResult.PlannedPlacement p : plan.placements()) {
        String count = Counts.of(p.instances(), "new instance");
        out()
            .println(
                "  "
                    + count
                    + (p.node() != null ? " -> " + p.node() : " cannot be placed: " + p.reason()));
      }
    }
    return 0;
  }
}
