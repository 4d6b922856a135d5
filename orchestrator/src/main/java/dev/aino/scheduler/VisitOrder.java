package dev.aino.scheduler;

import java.util.Random;

/**
 * The order in which a pass visits nodes: one seeded shuffle of the snapshot's node indices, and
 * for each request a start position derived from its instance id. Deriving the start from the id,
 * rather than rotating a cursor, makes a request's outcome depend only on the snapshot, the seed
 * and the request, so a batch decides exactly as the same requests scheduled one call at a time.
 */
final class VisitOrder {
  private final int[] nodeAt;
  private final int[] positionOf;
  private final long seed;

  VisitOrder(int nodeCount, long seed) {
    this.seed = seed;
    nodeAt = new int[nodeCount];
    for (int i = 0; i < nodeCount; i++) {
      nodeAt[i] = i;
    }
    // Fisher-Yates with java.util.Random, whose sequence per seed the JDK specifies.
    Random random = new Random(seed);
    for (int i = nodeCount - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = nodeAt[i];
      nodeAt[i] = nodeAt[j];
      nodeAt[j] = swap;
    }
    positionOf = new int[nodeCount];
    for (int p = 0; p < nodeCount; p++) {
      positionOf[nodeAt[p]] = p;
    }
  }

  int size() {
    return nodeAt.length;
  }

  /** The snapshot index of the node at {@code position} of the visit order. */
  int nodeAt(int position) {
    return nodeAt[position];
  }

  /** The position of the node with snapshot index {@code nodeIndex}. */
  int positionOf(int nodeIndex) {
    return positionOf[nodeIndex];
  }

  /** Where the walk for {@code instanceId} begins, uniform over the positions. */
  int start(String instanceId) {
    if (nodeAt.length == 0) {
      return 0;
    }
    return (int) Long.remainderUnsigned(mix(seed ^ instanceId.hashCode()), nodeAt.length);
  }

  /** SplitMix64's finaliser: spreads close inputs (ids differing in one letter) far apart. */
  private static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
