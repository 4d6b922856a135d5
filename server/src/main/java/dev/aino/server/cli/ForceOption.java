package dev.aino.server.cli;

import picocli.CommandLine.Option;

/** The {@code --force} option that {@code apply}, {@code scale} and {@code delete} share. */
final class ForceOption {
  @Option(
      names = "--force",
      description =
          "Change it even when another caller manages it with strict ownership (an event records"
              + " the override).")
  private boolean force;

  boolean given() {
    return force;
  }
}
