package dev.aino.runtime.process;

import dev.aino.model.Validate;
import dev.aino.runtime.host.LogLimits;
import java.nio.file.Path;

/**
 * Settings of the process driver.
 *
 * @param dataDir aino's data directory on this node; each instance gets {@code
 *     process/<instance-id>/} under it (its working directory, logs and records)
 * @param logLimits log rotation and collection
 */
public record ProcessRuntimeConfig(Path dataDir, LogLimits logLimits) {
  public ProcessRuntimeConfig {
    Validate.required("dataDir", dataDir);
    dataDir = dataDir.toAbsolutePath().normalize();
    Validate.required("logLimits", logLimits);
  }

  public static ProcessRuntimeConfig defaults(Path dataDir) {
    return new ProcessRuntimeConfig(dataDir, LogLimits.defaults());
  }
}
