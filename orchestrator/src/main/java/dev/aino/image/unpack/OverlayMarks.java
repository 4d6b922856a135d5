package dev.aino.image.unpack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the special files Java cannot: overlayfs whiteouts (character device 0/0), opaque
 * directories ({@code trusted.overlay.opaque=y}), device nodes and FIFOs. Runs {@code mknod}
 * (coreutils) and {@code setfattr} (Debian's {@code attr}) with argument lists, never a shell.
 * Failures are {@link IOException}s whose message says what to do (install a package, run as root).
 */
public final class OverlayMarks {
  /** The xattr overlayfs reads to hide everything below a directory in lower layers. */
  public static final String OPAQUE_XATTR = "trusted.overlay.opaque";

  private static final long TIMEOUT_SECONDS = 30;

  /** Makes {@code path} an overlayfs whiteout: a character device with number 0/0. */
  public void whiteout(Path path) throws IOException {
    run("mknod", "coreutils", List.of(path.toString(), "c", "0", "0"));
  }

  /** Marks {@code dir} opaque for overlayfs. */
  public void opaque(Path dir) throws IOException {
    run("setfattr", "attr", List.of("-n", OPAQUE_XATTR, "-v", "y", dir.toString()));
  }

  /** Makes a character ({@code block == false}) or block device node. */
  public void device(Path path, boolean block, int major, int minor) throws IOException {
    run(
        "mknod",
        "coreutils",
        List.of(
            path.toString(), block ? "b" : "c", Integer.toString(major), Integer.toString(minor)));
  }

  /** Makes a named pipe. */
  public void fifo(Path path) throws IOException {
    run("mknod", "coreutils", List.of(path.toString(), "p"));
  }

  private static void run(String program, String debianPackage, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(program);
    command.addAll(args);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(
          program
              + " not found; install Debian's "
              + debianPackage
              + " (apt-get install -y "
              + debianPackage
              + ")",
          e);
    }
    try (InputStream out = process.getInputStream()) {
      String output = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException(program + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            program
                + " exited with "
                + process.exitValue()
                + (output.isEmpty() ? "" : ": " + output)
                + " (overlayfs marks need root)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(program + " was interrupted", e);
    } finally {
      process.destroyForcibly();
    }
  }
}
