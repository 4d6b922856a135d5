package dev.aino.runtime.oci;

import dev.aino.files.FileTrees;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One instance's OCI bundle directory, {@code <data dir>/bundles/<instance-id>/}: the generated
 * {@code config.json}, the {@code rootfs} mount point with the overlay's {@code upper} and {@code
 * work} directories beside it, the container's logs, and aino's own records about it.
 *
 * @param dir the bundle directory
 */
record Bundle(Path dir) {
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

  Path logs() {
    return dir.resolve("logs");
  }

  /** Which container this bundle holds ({@link BundleRecord}). */
  Path record() {
    return dir.resolve("container.json");
  }

  /** When its init process started ({@link InitRecord}). */
  Path init() {
    return dir.resolve("init.json");
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
