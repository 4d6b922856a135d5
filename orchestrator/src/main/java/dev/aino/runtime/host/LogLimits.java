package dev.aino.runtime.host;

import dev.aino.model.Validate;
import java.time.Duration;

/**
 * How much output a container's log keeps and how often it is collected.
 *
 * @param fileBytes size at which the stored log file is rotated
 * @param files stored files kept per container (the current one and {@code files - 1} rotated)
 * @param rawBytes size at which a raw output file, once fully collected, is truncated
 * @param maxLineBytes longest line stored as one; longer output is split into lines of this size
 * @param pollInterval how often the collector reads new output; a line's timestamp is when it was
 *     collected, so this is also their precision
 */
public record LogLimits(
    long fileBytes, int files, long rawBytes, int maxLineBytes, Duration pollInterval) {
  private static final long MIB = 1024 * 1024;

  public LogLimits {
    Validate.range("logLimits.fileBytes", fileBytes, 1024, Long.MAX_VALUE);
    Validate.range("logLimits.files", files, 1, 100);
    Validate.range("logLimits.rawBytes", rawBytes, 1024, Long.MAX_VALUE);
    Validate.range("logLimits.maxLineBytes", maxLineBytes, 80, 1024 * 1024);
    Validate.required("logLimits.pollInterval", pollInterval);
    Validate.range("logLimits.pollInterval", pollInterval.toMillis(), 1, 60_000);
  }

  /** 10 MiB × 2 files, raw output truncated after 1 MiB, 16 KiB lines, collected every 100 ms. */
  public static LogLimits defaults() {
    return new LogLimits(10 * MIB, 2, MIB, 16 * 1024, Duration.ofMillis(100));
  }
}
