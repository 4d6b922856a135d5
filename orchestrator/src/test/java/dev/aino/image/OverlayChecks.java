package dev.aino.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Looks at overlayfs marks the way the kernel will: device numbers and trusted xattrs. */
public final class OverlayChecks {
  private OverlayChecks() {}

  /** Whether {@code path} is an overlayfs whiteout: a character device 0/0. */
  public static boolean isWhiteout(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Map<String, Object> a = Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
    int type = (Integer) a.get("mode") & 0170000;
    return type == 0020000 && (Long) a.get("rdev") == 0L;
  }

  /** The value of {@code trusted.overlay.opaque} on {@code dir}, or "" (needs getfattr). */
  public static String opaqueValue(Path dir) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                List.of(
                    "getfattr",
                    "--only-values",
                    "--absolute-names",
                    "-n",
                    "trusted.overlay.opaque",
                    dir.toString()))
            .redirectErrorStream(false)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return p.exitValue() == 0 ? out : "";
  }

  /**
   * Runs {@code command} as a process and returns its exit code and output; fails saying what to
   * install when the program is missing.
   */
  public static String run(String debianPackage, String... command)
      throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          command[0]
              + " not found: install Debian's "
              + debianPackage
              + " (apt-get install -y "
              + debianPackage
              + ")",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command[0]).isTrue();
    assertThat(p.exitValue())
        .as("%s exit code; output:%n%s", String.join(" ", command), out)
        .isZero();
    return out;
  }
}
