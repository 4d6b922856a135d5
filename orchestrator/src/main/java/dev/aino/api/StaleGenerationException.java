package dev.aino.api;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;

/**
 * A change made on the condition that the workload is still at the generation the caller read
 * ({@code If-Match}, {@code expectedGeneration}, {@code expected_generation}) found it at another:
 * someone changed it since. Nothing was written. It carries the workload as it is now, so that the
 * caller can re-plan from it without a second read (REST answers 409 with it).
 */
public final class StaleGenerationException extends AinoException {
  private static final long serialVersionUID = 1L;

  private final transient WorkloadStatus current;

  public StaleGenerationException(String name, long expected, WorkloadStatus current) {
    super(
        ErrorCode.CONFLICT,
        "workload "
            + name
            + " is at generation "
            + current.workload().generation()
            + ", not "
            + expected
            + " as expected: it changed since it was read ("
            + current.desired()
            + " replicas of "
            + current.workload().spec().image()
            + " now); nothing was changed, read it again and re-plan");
    this.current = current;
  }

  /** The workload as it is now. */
  public WorkloadStatus current() {
    return current;
  }
}
