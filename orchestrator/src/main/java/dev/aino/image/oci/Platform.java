package dev.aino.image.oci;

import java.util.Locale;

/**
 * The operating system and CPU architecture an image is built for, as in an index entry.
 *
 * @param os e.g. {@code linux}
 * @param architecture GOARCH spelling, e.g. {@code amd64}, {@code arm64}
 * @param variant e.g. {@code v8}, empty when none
 */
public record Platform(String os, String architecture, String variant) {
  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", "");

  public Platform {
    os = os == null ? "" : os;
    architecture = architecture == null ? "" : architecture;
    variant = variant == null ? "" : variant;
  }

  /** The platform of this JVM's host, in GOARCH spelling (what registries index images by). */
  public static Platform host() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String goArch =
        switch (arch) {
          case "x86_64", "amd64" -> "amd64";
          case "aarch64", "arm64" -> "arm64";
          case "x86", "i386", "i486", "i586", "i686" -> "386";
          case "ppc64le" -> "ppc64le";
          case "s390x" -> "s390x";
          case "riscv64" -> "riscv64";
          default -> arch;
        };
    return new Platform("linux", goArch, "");
  }

  /** Whether an index entry for {@code other} runs here: same os and architecture. */
  public boolean runs(Platform other) {
    return other != null && os.equals(other.os) && architecture.equals(other.architecture);
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }
}
