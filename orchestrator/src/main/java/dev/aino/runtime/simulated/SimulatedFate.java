package dev.aino.runtime.simulated;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The random part of one simulated start: whether it fails and whether the container crashes on its
 * own. Drawn from the seed, the instance id and its restart count only, so the same run of a
 * benchmark gives the same outcomes whatever order its threads start containers in.
 *
 * @param startFails the start is refused
 * @param crashAfter the container crashes this long after it started; null when it does not
 */
record SimulatedFate(boolean startFails, Duration crashAfter) {

  static SimulatedFate draw(SimulationConfig config, String instanceId, int restartCount) {
    long mixed = config.seed() * 0x9E3779B97F4A7C15L + instanceId.hashCode() * 31L + restartCount;
    SplittableRandom random = new SplittableRandom(mixed);
    // Draw both numbers every time so that changing one probability does not shift the other.
    double startRoll = random.nextDouble();
    double crashRoll = random.nextDouble();
    double crashPoint = random.nextDouble();
    boolean startFails = startRoll < config.startFailureProbability();
    Duration crashAfter = null;
    if (crashRoll < config.crashProbability()) {
      crashAfter = Duration.ofNanos((long) (config.crashWithin().toNanos() * crashPoint));
    }
    return new SimulatedFate(startFails, crashAfter);
  }
}
