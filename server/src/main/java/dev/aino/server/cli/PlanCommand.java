package dev.aino.server.cli;

import dev.aino.api.PlanResult;
import dev.aino.server.client.AinoClient;
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
          + " workload would be created or updated, where each new instance would go, or why it"
          + " cannot be placed.",
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
      int width = plan.placements().stream().mapToInt(p -> p.instanceId().length()).max().orElse(0);
      for (PlanResult.PlannedPlacement p : plan.placements()) {
        String where = p.node() != null ? "-> " + p.node() : "cannot be placed: " + p.reason();
        out()
            .println(
                "  " + p.instanceId() + " ".repeat(width - p.instanceId().length() + 2) + where);
      }
    }
    return 0;
  }
}
