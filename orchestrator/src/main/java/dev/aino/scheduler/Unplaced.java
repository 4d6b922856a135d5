package dev.aino.scheduler;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;

/**
 * An instance that fits on no node; it stays pending, and {@code report.message()} is the reason to
 * record in its {@code FailedScheduling} event.
 *
 * @param instanceId the instance left pending
 * @param report why no node fits, counted at the time the scheduler tried
 */
public record Unplaced(String instanceId, FitReport report) {
  public Unplaced {
    Validate.dnsLabel("instanceId", instanceId);
    Validate.required("report", report);
    if (report.fits()) {
      throw new ValidationException(
          "report", "must show that no node fits, got \"" + report.message() + "\"");
    }
  }
}
