package dev.aino.server.cli;

import dev.aino.api.ApplyResult;
import dev.aino.api.ChangeOptions;
import dev.aino.api.WorkloadStatus;
import dev.aino.model.Ownership;
import dev.aino.server.client.AinoClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aino apply -f FILE}: creates or updates the workloads a file declares. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Create or update workloads from a manifest file.",
      "",
      "The file holds one manifest, a YAML stream of several separated by '---', or a list of"
          + " several. All are checked first, then applied in order; the command stops at the"
          + " first one the server refuses.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aino apply -f examples/web.yaml",
      "  cat web.json | aino apply -f -",
      "  aino apply -f web.yaml --strict-ownership   only I (or --force) may change web",
    })
final class ApplyCommand extends ServerCommand {
  @Mixin private ManifestFileOption manifestFile = new ManifestFileOption();

  @Option(
      names = "--strict-ownership",
      description =
          "Refuse changes of these workloads by any caller but their manager, unless forced.")
  private boolean strictOwnership;

  @Option(
      names = "--manager",
      paramLabel = "NAME",
      description = "Record NAME as the workloads' manager instead of this caller.")
  private String manager;

  @Mixin private ForceOption force = new ForceOption();

  ApplyCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    List<ManifestFiles.Manifest> manifests = manifestFile.read(context().stdin());
    List<WorkloadStatus> applied = new ArrayList<>();
    for (ManifestFiles.Manifest manifest : manifests) {
      ApplyResult result =
          client.apply(
              manifest.document(),
              new ChangeOptions(
                  null, force.given(), manager, strictOwnership ? Ownership.STRICT : null));
      applied.add(result.status());
      if (output().isTable()) {
        out().println(line(result));
        out().flush();
      }
    }
    printStructured(applied.size() == 1 ? applied.get(0) : applied);
    return 0;
  }

  /** For example {@code workload/web created (generation 1)}. */
  private static String line(ApplyResult result) {
    return "workload/"
        + result.status().workload().name()
        + " "
        + result.outcome().id()
        + " (generation "
        + result.status().workload().generation()
        + ")";
  }
}
