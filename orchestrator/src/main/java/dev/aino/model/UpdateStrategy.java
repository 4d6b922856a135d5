package dev.aino.model;

import dev.aino.error.ValidationException;

/**
 * How a spec change rolls out: replace instances a few at a time.
 *
 * @param maxSurge how many instances above the replica count may run during the roll-out
 * @param maxUnavailable how many below the replica count may be not ready during the roll-out
 */
public record UpdateStrategy(int maxSurge, int maxUnavailable) {
  public static final UpdateStrategy DEFAULT = new UpdateStrategy(1, 0);

  public UpdateStrategy {
    Validate.range("maxSurge", maxSurge, 0, WorkloadSpec.MAX_REPLICAS);
    Validate.range("maxUnavailable", maxUnavailable, 0, WorkloadSpec.MAX_REPLICAS);
    if (maxSurge == 0 && maxUnavailable == 0) {
      throw new ValidationException(
          "maxSurge", "and maxUnavailable must not both be 0, or a roll-out could never progress");
    }
  }
}
