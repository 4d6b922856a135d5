package dev.aino.runtime.oci;

import dev.aino.error.RuntimeFailureException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * aino-init, the PID 1 of containers whose workload says {@code init: true} (source in {@code
 * src/main/c/aino-init.c}): a static executable the build compiles into the jar for the machine's
 * architecture. The first container that needs it extracts it under the data directory, named by
 * its content's hash so that a newer aino never runs an older copy; every container bind-mounts
 * that one file read-only at {@link #CONTAINER_PATH}.
 */
final class InitBinary {
  /** Where containers see it: on the tmpfs {@code /dev}, so no image file is shadowed. */
  static final String CONTAINER_PATH = "/dev/aino-init";

  private final Path directory;
  private final String resource;
  private Path extracted;

  /**
   * @param directory where to extract it ({@code <data-dir>/bin})
   */
  InitBinary(Path directory) {
    this(directory, "aino-init-linux-" + System.getProperty("os.arch").toLowerCase(Locale.ROOT));
  }

  InitBinary(Path directory, String resource) {
    this.directory = directory;
    this.resource = resource;
  }

  /**
   * The host path of the executable, extracted on first use.
   *
   * @throws RuntimeFailureException when this build carries none for this architecture, or it
   *     cannot be written
   */
  synchronized Path path() {
    if (extracted != null) {
      return extracted;
    }
    byte[] bytes;
    try (InputStream in = InitBinary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new RuntimeFailureException(
            "init: true needs aino-init, and this aino build carries none for "
                + System.getProperty("os.arch")
                + " (it is compiled for the architecture of the machine that built aino): build"
                + " aino on this architecture, or leave init unset");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new RuntimeFailureException("reading aino-init from the aino jar: " + e, e);
    }
    Path target = directory.resolve("aino-init-" + sha256(bytes).substring(0, 16));
    try {
      if (!Files.isExecutable(target) || Files.size(target) != bytes.length) {
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, "aino-init", ".partial");
        Files.write(partial, bytes);
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new RuntimeFailureException("extracting aino-init to " + target + ": " + e, e);
    }
    extracted = target;
    return target;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
