package dev.aino.runtime.oci;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import dev.aino.runtime.host.LogLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the OCI driver.
 *
 * @param dataDir aino's data directory on this node; the driver uses {@code runtime/<binary>} (the
 *     OCI runtime's {@code --root}), {@code bundles/} and {@code tmp/} under it
 * @param binary {@code auto} (youki, runc, crun from PATH), a binary name, or an absolute path
 * @param cgroupParent absolute cgroup path under which each container gets {@code
 *     <parent>/<container-id>}; outside the agent's own cgroup by default, so that restarting the
 *     agent's service does not kill its containers
 * @param pidsLimit the most processes one container may have
 * @param rootfsMode overlayfs, a copy, or overlayfs when it works
 * @param startTimeout how long a start may take until the container runs
 * @param commandTimeout how long one OCI runtime command ({@code state}, {@code kill}, ...) may
 *     take
 * @param logLimits log rotation and collection
 */
public record OciRuntimeConfig(
    Path dataDir,
    String binary,
    String cgroupParent,
    long pidsLimit,
    RootfsMode rootfsMode,
    Duration startTimeout,
    Duration commandTimeout,
    LogLimits logLimits) {

  public OciRuntimeConfig {
    Validate.required("dataDir", dataDir);
    dataDir = dataDir.toAbsolutePath().normalize();
    Validate.nonBlank("binary", binary);
    Validate.nonBlank("cgroupParent", cgroupParent);
    if (!cgroupParent.startsWith("/") || cgroupParent.contains("..")) {
      throw new ValidationException(
          "cgroupParent", "must be an absolute cgroup path such as /aino, got " + cgroupParent);
    }
    Validate.range("pidsLimit", pidsLimit, 1, Long.MAX_VALUE);
    Validate.required("rootfsMode", rootfsMode);
    Validate.required("startTimeout", startTimeout);
    Validate.required("commandTimeout", commandTimeout);
    Validate.required("logLimits", logLimits);
  }

  /**
   * Auto-detected binary, cgroups under {@code /aino}, 1024 processes per container, overlayfs when
   * it works, 60 s to start, 30 s per command, default log limits.
   */
  public static OciRuntimeConfig defaults(Path dataDir) {
    return new OciRuntimeConfig(
        dataDir,
        "auto",
        "/aino",
        1024,
        RootfsMode.AUTO,
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        LogLimits.defaults());
  }

  /** The same settings with another OCI runtime binary ({@code auto}, a name or a path). */
  public OciRuntimeConfig withBinary(String value) {
    return new OciRuntimeConfig(
        dataDir,
        value,
        cgroupParent,
        pidsLimit,
        rootfsMode,
        startTimeout,
        commandTimeout,
        logLimits);
  }

  /** The same settings with another absolute cgroup parent. */
  public OciRuntimeConfig withCgroupParent(String value) {
    return new OciRuntimeConfig(
        dataDir, binary, value, pidsLimit, rootfsMode, startTimeout, commandTimeout, logLimits);
  }

  /** The same settings with another way of making root filesystems. */
  public OciRuntimeConfig withRootfsMode(RootfsMode value) {
    return new OciRuntimeConfig(
        dataDir, binary, cgroupParent, pidsLimit, value, startTimeout, commandTimeout, logLimits);
  }

  /** The same settings with other log limits. */
  public OciRuntimeConfig withLogLimits(LogLimits value) {
    return new OciRuntimeConfig(
        dataDir, binary, cgroupParent, pidsLimit, rootfsMode, startTimeout, commandTimeout, value);
  }
}
