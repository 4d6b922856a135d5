package dev.aino.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.WorkloadManifest;
import dev.aino.error.ValidationException;
import dev.aino.server.format.DocumentFormat;
import dev.aino.server.format.Documents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the workload manifests of {@code -f FILE}: one manifest, a YAML stream of several separated
 * by {@code ---}, or a JSON (or YAML) list of several. Every manifest is checked before any is
 * sent, so a mistake in the third one applies none; errors say which file and which document.
 */
final class ManifestFiles {
  /** How {@code -f} names standard input. */
  static final String STDIN = "-";

  private static final String OPTION = "-f";

  private ManifestFiles() {}

  /**
   * A manifest as written, and the workload it names.
   *
   * @param document the manifest as written
   * @param name the workload's name
   */
  record Manifest(JsonNode document, String name) {}

  /**
   * The manifests in {@code file} ({@link #STDIN} reads {@code stdin}), each validated.
   *
   * @throws ValidationException naming the file, the document and the field
   */
  static List<Manifest> read(String file, InputStream stdin) {
    boolean fromStdin = file.equals(STDIN);
    String source = fromStdin ? "stdin" : file;
    // YAML reads JSON too, so standard input needs no format of its own.
    DocumentFormat format =
        fromStdin ? DocumentFormat.YAML : DocumentFormat.ofFileName(file, OPTION);
    byte[] bytes = fromStdin ? readStdin(stdin) : readFile(file);

    List<JsonNode> documents = new ArrayList<>();
    for (JsonNode document : Documents.readAll(bytes, format, source)) {
      if (document.isArray()) {
        document.forEach(documents::add);
      } else {
        documents.add(document);
      }
    }
    if (documents.isEmpty()) {
      throw new ValidationException(source, "holds no workload manifest");
    }
    List<Manifest> manifests = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      JsonNode document = documents.get(i);
      try {
        manifests.add(new Manifest(document, WorkloadManifest.parse(document).name()));
      } catch (ValidationException e) {
        String where = documents.size() == 1 ? source : source + ", document " + (i + 1);
        throw new ValidationException(where, e.getMessage());
      }
    }
    return manifests;
  }

  private static byte[] readFile(String file) {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new ValidationException(OPTION, "cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new ValidationException(OPTION, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static byte[] readStdin(InputStream stdin) {
    try {
      return stdin.readAllBytes();
    } catch (IOException e) {
      throw new ValidationException(OPTION, "cannot read standard input: " + e.getMessage());
    }
  }
}
