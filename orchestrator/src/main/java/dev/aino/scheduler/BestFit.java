package dev.aino.scheduler;

/**
 * Google's BestFit v3 scores, as Nomad uses them: with {@code cpu} and {@code mem} the fractions of
 * a node left free after a placement, bin-packing scores {@code 20 - (10^cpu + 10^mem)} and
 * spreading its inverse {@code (10^cpu + 10^mem) - 2}, both clamped to [0, 18] and divided by 18 so
 * they land in [0, 1]. The powers of ten make the score fall steeply as a node empties, so the
 * fullest node that fits wins by a clear margin.
 *
 * <p>Powers of ten come from a table of 4,097 {@link StrictMath} values between 10^0 and 10^1,
 * interpolated linearly (error below 4e-7, far under any score difference that matters). That is
 * several times faster than {@code pow} on the hot path and, being plain double arithmetic over
 * strict values, bit-identical on every JVM and CPU, so a scheduler on another machine (a new
 * leader) reaches the same decisions from the same snapshot.
 */
final class BestFit {
  static final double MAX_FIT_SCORE = 18.0;

  private static final int STEPS = 4096;
  private static final double[] TEN_TO_THE = new double[STEPS + 1];

  static {
    for (int i = 0; i <= STEPS; i++) {
      TEN_TO_THE[i] = StrictMath.pow(10.0, (double) i / STEPS);
    }
  }

  private BestFit() {}

  /** Bin-pack score in [0, 1]: 1 for a node the placement fills exactly, 0 for an empty one. */
  static double binPack(NodeView node, long cpuMillis, long memoryMiB) {
    double total = powersAfter(node, cpuMillis, memoryMiB);
    return clamp(20.0 - total) / MAX_FIT_SCORE;
  }

  /** Spread score in [0, 1]: the inverse of {@link #binPack}. */
  static double spread(NodeView node, long cpuMillis, long memoryMiB) {
    double total = powersAfter(node, cpuMillis, memoryMiB);
    return clamp(total - 2.0) / MAX_FIT_SCORE;
  }

  private static double powersAfter(NodeView node, long cpuMillis, long memoryMiB) {
    double cpu = freeFraction(node.allocatableCpuMillis(), node.allocatedCpuMillis() + cpuMillis);
    double mem = freeFraction(node.allocatableMemoryMiB(), node.allocatedMemoryMiB() + memoryMiB);
    return tenToThe(cpu) + tenToThe(mem);
  }

  /** 10^x for x in [0, 1], interpolated in the table. */
  static double tenToThe(double x) {
    double scaled = x * STEPS;
    int i = (int) scaled;
    if (i >= STEPS) {
      return TEN_TO_THE[STEPS];
    }
    return TEN_TO_THE[i] + (TEN_TO_THE[i + 1] - TEN_TO_THE[i]) * (scaled - i);
  }

  /** Fraction of {@code allocatable} left after {@code used}, within [0, 1]. */
  static double freeFraction(long allocatable, long used) {
    if (allocatable <= 0) {
      return 0.0;
    }
    double free = 1.0 - (double) used / (double) allocatable;
    return Math.max(0.0, Math.min(1.0, free));
  }

  private static double clamp(double score) {
    return Math.max(0.0, Math.min(MAX_FIT_SCORE, score));
  }
}
