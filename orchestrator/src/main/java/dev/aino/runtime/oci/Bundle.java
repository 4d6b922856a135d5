package dev.aino.runtime.oci;

import dev.aino.files.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One instance's OCI bundle directory, {@code <data dir>/bundles/<instance-id>/}: the generated
 * {@code config.json}, the {@code rootfs} mount point with the overlay's {@code upper} and {@code
 * work} directories beside it, the container's log files, and aino's own records about it.
 *
 * @param dir the bundle directory
 */
record Bundle(Path dir) {
  /** What the bridge network attached for the container ({@code runtime.oci.network}). */
  Path network() {
    return dir.resolve("network.json");
  }

  Path config() {
    return dir.resolve("config.json");
  }

  Path rootfs() {
    return dir.resolve("rootfs");
  }

  Path upper() {
    return dir.resolve("upper");
  }

  Path work() {
    return dir.resolve("work");
  }

  /**
   * The directory of the container's log files: the bundle itself, one directory fewer to create on
   * every start.
   */
  Path logs() {
    return dir;
  }

  /**
   * Where an existing bundle keeps its logs: a container started by an earlier aino, whose runtime
   * still writes to a {@code logs} subdirectory, keeps its logs there.
   */
  Path existingLogs() {
    Path earlier = dir.resolve("logs");
    return Files.isDirectory(earlier) ? earlier : logs();
  }

  /** How it ended ({@link dev.aino.runtime.host.ExitRecord}). */
  Path exit() {
    return dir.resolve("exit.json");
  }

  /** Where the runtime writes the init's pid once the container runs. */
  Path pidFile() {
    return dir.resolve("init.pid");
  }

  /** The OCI runtime's own log (JSON lines), where it explains a failed start. */
  Path runtimeLog() {
    return dir.resolve("runtime.log");
  }

  /** Scratch space for exec'd commands' output. */
  Path exec() {
    return dir.resolve("exec");
  }

  /**
   * Deletes the bundle and everything in it, never following symbolic links (a container's upper
   * directory may hold links to anywhere). The rootfs must be unmounted first.
   */
  void delete() throws IOException {
    FileTrees.delete(dir);
  }
}
