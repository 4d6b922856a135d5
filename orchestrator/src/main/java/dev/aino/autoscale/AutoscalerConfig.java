package dev.aino.autoscale;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.time.Duration;

/**
 * How the autoscaler behaves.
 *
 * @param interval time between two passes over the autoscaled workloads
 * @param stabilization how long a lower recommendation must hold before the count goes down: the
 *     count goes down only to the highest recommendation of this window, so a load that dips and
 *     comes back does not make replicas come and go
 * @param tolerance a usage within this fraction of the target changes nothing (0.1: 54% to 66%
 *     around a 60% target), so measurement noise does not move the count
 */
public record AutoscalerConfig(Duration interval, Duration stabilization, double tolerance) {
  /** Kubernetes' defaults: a pass every 15 s, 5 minutes before scaling down, 10% tolerance. */
  public static final AutoscalerConfig DEFAULTS =
      new AutoscalerConfig(Duration.ofSeconds(15), Duration.ofMinutes(5), 0.1);

  public AutoscalerConfig {
    Validate.required("interval", interval);
    Validate.required("stabilization", stabilization);
    if (interval.isNegative() || interval.isZero()) {
      throw new ValidationException("interval", "must be > 0, got " + interval);
    }
    if (stabilization.isNegative()) {
      throw new ValidationException("stabilization", "must not be negative, got " + stabilization);
    }
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new ValidationException("tolerance", "must be in [0, 1), got " + tolerance);
    }
  }

  public AutoscalerConfig withInterval(Duration interval) {
    return new AutoscalerConfig(interval, stabilization, tolerance);
  }

  public AutoscalerConfig withStabilization(Duration stabilization) {
    return new AutoscalerConfig(interval, stabilization, tolerance);
  }
}
