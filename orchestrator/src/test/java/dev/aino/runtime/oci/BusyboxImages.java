package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.fail;

import dev.aino.error.RuntimeFailureException;
import dev.aino.image.ImageConfig;
import dev.aino.image.ImageService;
import dev.aino.image.PreparedImage;
import dev.aino.model.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test-only {@link ImageService} for {@code rootfs:} references: the directory is the image's one
 * layer. {@link #buildBusybox} makes such a directory from the host's static busybox, so the tests
 * run real containers without a registry.
 */
final class BusyboxImages implements ImageService {
  /** busybox applets the tests use, as symbolic links in {@code /bin}. */
  private static final List<String> APPLETS =
      List.of(
          "sh",
          "echo",
          "sleep",
          "cat",
          "true",
          "false",
          "kill",
          "head",
          "tail",
          "dd",
          "ls",
          "id",
          "env",
          "pwd",
          "hostname",
          "mkdir",
          "rm",
          "grep",
          "wc",
          "yes",
          "httpd");

  private static final Path BUSYBOX = Path.of("/bin/busybox");

  private final Map<Path, ImageConfig> configs = new ConcurrentHashMap<>();

  /**
   * Builds a busybox root directory in {@code dir}: {@code /bin/busybox}, its applets, and an
   * {@code /etc/passwd} and {@code /etc/group} with root, {@code app} (1000:1000) and nobody. Fails
   * the test, naming the package to install, when the host has no static busybox.
   */
  static Path buildBusybox(Path dir) throws IOException {
    if (!Files.isExecutable(BUSYBOX)) {
      fail(
          "these tests run real containers from the host's static busybox, but "
              + BUSYBOX
              + " is missing: install it with apt-get install busybox-static");
    }
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    for (String applet : APPLETS) {
      Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
    }
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(
        etc.resolve("passwd"),
        "root:x:0:0:root:/root:/bin/sh\n"
            + "app:x:1000:1000:app:/home/app:/bin/sh\n"
            + "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n",
        StandardCharsets.UTF_8);
    Files.writeString(
        etc.resolve("group"), "root:x:0:\napp:x:1000:\nstaff:x:50:app\nnogroup:x:65534:\n");
    return dir;
  }

  /** Gives the image at {@code dir} this configuration (entrypoint, env, user, ...). */
  void configure(Path dir, ImageConfig config) {
    configs.put(dir.toAbsolutePath().normalize(), config);
  }

  @Override
  public PreparedImage prepare(ImageReference image) {
    Path dir = Path.of(image.repository()).toAbsolutePath().normalize();
    if (image.source() != ImageReference.Source.ROOTFS || !Files.isDirectory(dir)) {
      throw new RuntimeFailureException(
          "ImagePullFailed: " + image + " is not a rootfs: directory on this node");
    }
    return new PreparedImage(
        image,
        "sha256:" + Integer.toHexString(dir.hashCode()),
        List.of(dir),
        configs.getOrDefault(dir, ImageConfig.EMPTY));
  }
}
