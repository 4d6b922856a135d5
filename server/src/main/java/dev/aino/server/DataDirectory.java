package dev.aino.server;

import dev.aino.error.ValidationException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where aino keeps its state on disk, and making sure it can. */
public final class DataDirectory {
  private DataDirectory() {}

  /**
   * The data directory when {@code --data-dir} is not given: {@code $AINO_DATA_DIR}, else {@code
   * $XDG_DATA_HOME/aino}, else {@code ~/.local/share/aino} (the XDG base directory default).
   */
  public static Path defaultPath(Map<String, String> env, String userHome) {
    String explicit = env.get("AINO_DATA_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_DATA_HOME");
    // The XDG spec says to ignore a relative XDG_DATA_HOME.
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "aino");
    }
    return Path.of(userHome, ".local", "share", "aino");
  }

  /**
   * Creates the directory if needed and checks that aino can write to it.
   *
   * @return its absolute, normalised path
   * @throws ValidationException naming {@code --data-dir} when it cannot be used
   */
  public static Path prepare(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute);
    } catch (FileAlreadyExistsException e) {
      throw refused(absolute, "a file that is not a directory is in the way at " + e.getFile());
    } catch (AccessDeniedException e) {
      throw refused(absolute, "permission denied at " + e.getFile());
    } catch (FileSystemException e) {
      throw refused(absolute, e.getReason() == null ? e.toString() : e.getReason());
    } catch (IOException e) {
      throw refused(absolute, e.toString());
    }
    if (!Files.isWritable(absolute)) {
      throw refused(absolute, "it is not writable by this user");
    }
    return absolute;
  }

  private static ValidationException refused(Path dir, String reason) {
    return new ValidationException("--data-dir", "cannot use " + dir + ": " + reason);
  }
}
