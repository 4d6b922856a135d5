package dev.aino.server;

import dev.aino.error.RuntimeFailureException;
import dev.aino.error.ValidationException;
import dev.aino.runtime.oci.OciBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Checks at start-up that an OCI {@code --runtime} can run containers on this host: its binary is
 * installed and aino has the privileges it needs. Either failure is a setting the user must change,
 * so it is a {@link ValidationException} on {@code --runtime} (one line, exit code 2) that names
 * what is missing and the runtimes that need neither.
 */
final class OciPrerequisites {
  /** What to use instead when real containers cannot run here. */
  static final String ALTERNATIVES =
      "or try aino without containers: --runtime process (plain host processes, no isolation)"
          + " or --runtime simulated (no processes)";

  private OciPrerequisites() {}

  /**
   * Finds the binary {@code kind} names and checks that this process runs as root.
   *
   * @param scratch a directory for the output of {@code <binary> --version}
   */
  static OciBinary check(RuntimeKind kind, Path scratch) {
    return check(kind, () -> OciBinary.detect(kind.id(), scratch), effectiveUid());
  }

  /**
   * The check itself.
   *
   * @param detect finds the binary, or throws {@link RuntimeFailureException} saying what to
   *     install
   * @param uid this process's effective user id, empty when unknown (then runc has the last word)
   */
  static OciBinary check(RuntimeKind kind, Supplier<OciBinary> detect, OptionalInt uid) {
    if (!kind.isOci()) {
      throw new IllegalArgumentException(kind + " is no OCI runtime");
    }
    OciBinary binary;
    try {
      binary = detect.get();
    } catch (RuntimeFailureException e) {
      throw new ValidationException(
          "--runtime", cannotRun(kind) + e.getMessage() + "; " + ALTERNATIVES);
    }
    if (uid.isPresent() && uid.getAsInt() != 0) {
      // The OCI driver mounts overlayfs root filesystems and creates cgroups under /aino, and
      // generates no user-namespace mappings: it has no rootless mode yet.
      throw new ValidationException(
          "--runtime",
          cannotRun(kind)
              + binary.name()
              + " containers need root (overlay mounts, cgroups; aino has no rootless mode yet),"
              + " but aino runs as uid "
              + uid.getAsInt()
              + "; run aino up as root, "
              + ALTERNATIVES);
    }
    return binary;
  }

  private static String cannotRun(RuntimeKind kind) {
    return kind.id() + " cannot run containers here: ";
  }

  /** The owner of {@code /proc/self} is the effective user of this process. */
  private static OptionalInt effectiveUid() {
    try {
      return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | ClassCastException e) {
      return OptionalInt.empty();
    }
  }
}
