package dev.aino.testing.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The images the image tests pull, built in Java. */
public final class TestImages {
  /** Debian's statically linked busybox, which runs in an otherwise empty root filesystem. */
  public static final Path BUSYBOX = Path.of("/bin/busybox");

  /** The message of the failure when busybox is missing. */
  public static final String BUSYBOX_MISSING =
      "busybox not found at /bin/busybox: install Debian's busybox-static"
          + " (apt-get install -y busybox-static)";

  private static volatile byte[] busyboxLayer;

  private TestImages() {}

  /** The bytes of {@code /bin/busybox}; fails saying what to install when it is missing. */
  public static byte[] busyboxBinary() {
    if (!Files.isRegularFile(BUSYBOX)) {
      throw new IllegalStateException(BUSYBOX_MISSING);
    }
    try {
      return Files.readAllBytes(BUSYBOX);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUSYBOX, e);
    }
  }

  /**
   * A gzip layer with {@code bin/busybox} and the symbolic links {@code bin/sh}, {@code bin/echo},
   * {@code bin/sleep} and {@code bin/true} to it ({@code true}: the command check of {@code
   * examples/web.yaml}, run by exec as on the real busybox image).
   */
  public static byte[] busyboxLayer() {
    byte[] layer = busyboxLayer;
    if (layer == null) {
      layer =
          new TarBuilder()
              .dir("bin")
              .file("bin/busybox", busyboxBinary(), 0755)
              .symlink("bin/sh", "busybox")
              .symlink("bin/echo", "busybox")
              .symlink("bin/sleep", "busybox")
              .symlink("bin/true", "busybox")
              .dir("tmp", 01777)
              .tarGz();
      busyboxLayer = layer;
    }
    return layer;
  }

  /** busybox with {@code Cmd ["sh"]}, in OCI media types. */
  public static OciImage busybox() {
    return busyboxBuilder().build();
  }

  /** The busybox image's builder, to vary it. */
  public static OciImage.Builder busyboxBuilder() {
    return OciImage.builder().layer(busyboxLayer()).cmd("sh").env("PATH=/bin").workingDir("/tmp");
  }

  /**
   * Two layers: the base has {@code etc/keep}, {@code etc/gone} and {@code opt/data/{a,b}}; the
   * upper one whites out {@code etc/gone}, makes {@code opt/data} opaque and adds {@code
   * opt/data/c}.
   */
  public static OciImage withWhiteouts() {
    byte[] base =
        new TarBuilder()
            .dir("etc")
            .file("etc/keep", "kept\n")
            .file("etc/gone", "deleted by the upper layer\n")
            .dir("opt")
            .dir("opt/data")
            .file("opt/data/a", "a\n")
            .file("opt/data/b", "b\n")
            .tarGz();
    byte[] upper =
        new TarBuilder()
            .dir("etc")
            .whiteout("etc", "gone")
            .dir("opt")
            .dir("opt/data")
            .opaque("opt/data")
            .file("opt/data/c", "c\n")
            .tarGz();
    return OciImage.builder().layer(base).layer(upper).cmd("sh").build();
  }

  /** A small image whose one file says which architecture it is for. */
  public static OciImage marked(String architecture) {
    return OciImage.builder()
        .layer(new TarBuilder().file("arch", architecture + "\n").tarGz())
        .architecture(architecture)
        .cmd("cat", "/arch")
        .build();
  }

  /** An OCI index with linux/amd64 and linux/arm64 images (arm64 first). */
  public static OciIndex multiArch() {
    Map<String, OciImage> images = new LinkedHashMap<>();
    images.put("arm64", marked("arm64"));
    images.put("amd64", marked("amd64"));
    return OciIndex.of(images);
  }
}
