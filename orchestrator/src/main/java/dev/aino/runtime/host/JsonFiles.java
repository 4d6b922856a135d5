package dev.aino.runtime.host;

import dev.aino.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Small JSON state files of a container (its identity, its exit). Written atomically, so a crash
 * leaves the old version or the new one, never half of one.
 */
public final class JsonFiles {
  private JsonFiles() {}

  /** Writes {@code value} to {@code file} through a temporary file and an atomic rename. */
  public static void write(Path file, Object value) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(tmp, Json.encode(value));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The value in {@code file}; empty when it does not exist or cannot be decoded. */
  public static <T> Optional<T> read(Path file, Class<T> type) {
    try {
      return Optional.of(Json.mapper().readValue(Files.readAllBytes(file), type));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // torn or foreign content: treated as never written
    }
  }
}
