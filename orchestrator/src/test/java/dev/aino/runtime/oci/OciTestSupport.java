package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.fail;

import dev.aino.model.ImageReference;
import dev.aino.model.Instance;
import dev.aino.model.NetworkMode;
import dev.aino.model.Resources;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.host.LogLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the OCI tests share: prerequisites, configuration, specs. */
final class OciTestSupport {
  /** One cgroup parent per test JVM, removed when a test class is done. */
  static final String CGROUP_PARENT = "/aino-test-" + ProcessHandle.current().pid();

  private OciTestSupport() {}

  /**
   * Fails (never skips) with what to do when this host cannot run the tests: they need runc and
   * root (to mount overlays and create cgroups).
   */
  static void requirePrerequisites() {
    if (!List.of("/usr/sbin/runc", "/usr/bin/runc", "/usr/local/sbin/runc", "/usr/local/bin/runc")
        .stream()
        .anyMatch(p -> Files.isExecutable(Path.of(p)))) {
      fail("the OCI runtime tests need runc: install it with apt-get install runc");
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      fail(
          "the OCI runtime tests run real containers and must run as root (they mount overlays"
              + " and create cgroups); running as "
              + System.getProperty("user.name"));
    }
  }

  /** runc, cgroups under {@link #CGROUP_PARENT}, logs collected every 20 ms. */
  static OciRuntimeConfig config(Path dataDir) {
    LogLimits limits = LogLimits.defaults();
    return OciRuntimeConfig.defaults(dataDir)
        .withBinary("runc")
        .withCgroupParent(CGROUP_PARENT)
        .withLogLimits(
            new LogLimits(
                limits.fileBytes(),
                limits.files(),
                limits.rawBytes(),
                limits.maxLineBytes(),
                Duration.ofMillis(20)));
  }

  static ContainerSpec spec(Path image, String instanceId, List<String> argv, long memoryMiB) {
    return new ContainerSpec(
        instanceId,
        Instance.workloadOf(instanceId),
        ImageReference.parse("image", "rootfs:" + image),
        argv,
        List.of(),
        Map.of(),
        Resources.of(200, memoryMiB),
        null,
        0,
        false,
        NetworkMode.HOST,
        List.of());
  }

  /** Removes the (empty) test cgroup parent from every hierarchy. */
  static void removeCgroupParent() throws IOException {
    for (Path dir : CgroupLayout.detect().directories(CGROUP_PARENT)) {
      if (Files.isDirectory(dir)) {
        Files.delete(dir); // rmdir: fails if a container's cgroup is still inside
      }
    }
  }
}
