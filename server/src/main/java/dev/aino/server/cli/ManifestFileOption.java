package dev.aino.server.cli;

import java.io.InputStream;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -f FILE} option that {@code apply} and {@code plan} share, and reading it. */
final class ManifestFileOption {
  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE",
      description = "A .yaml, .yml or .json manifest file; - reads standard input.")
  private String file;

  /** Every manifest in the file (or standard input), each checked before any is sent. */
  List<ManifestFiles.Manifest> read(InputStream stdin) {
    return ManifestFiles.read(file, stdin);
  }
}
