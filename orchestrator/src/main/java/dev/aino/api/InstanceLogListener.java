package dev.aino.api;

import dev.aino.runtime.LogLine;

/**
 * Receives the lines of {@link OrchestratorService#followLogs}, in order, on a thread of the log
 * source. Implementations must not block for long: a slow listener holds up delivery.
 */
public interface InstanceLogListener {
  /** One more line. */
  void line(LogLine line);

  /**
   * No more lines will come: the container ended and every line it wrote was delivered, or the
   * source failed ({@code failure} non-null, e.g. the owning node became unreachable).
   */
  void ended(dev.aino.error.AinoException failure);
}
