package dev.aino.scheduler;

import dev.aino.model.Validate;

/**
 * How many feasible nodes the scheduler ranks per placement before it picks the best. Ranking a
 * handful of shuffled candidates rather than every node keeps a placement cheap on large clusters
 * at little cost in quality (Nomad ranks about log2(N) for service jobs).
 *
 * @param minimum the least number of candidates; the exact number when not {@code logScaled}
 * @param logScaled true to rank {@code max(minimum, ceil(log2(nodeCount)))} candidates
 */
public record CandidateLimit(int minimum, boolean logScaled) {
  /** {@code max(2, ceil(log2(N)))}: 13 candidates at 5,000 nodes. */
  public static final CandidateLimit DEFAULT = new CandidateLimit(2, true);

  public CandidateLimit {
    Validate.range("minimum", minimum, 1, Integer.MAX_VALUE);
  }

  /** Exactly {@code candidates} feasible nodes per placement (fewer when fewer fit). */
  public static CandidateLimit fixed(int candidates) {
    return new CandidateLimit(candidates, false);
  }

  /** Every feasible node is ranked: the globally best node wins, at O(N) per placement. */
  public static CandidateLimit allNodes() {
    return new CandidateLimit(Integer.MAX_VALUE, false);
  }

  /** The number of candidates to rank on a cluster of {@code nodeCount} nodes. */
  public int forNodeCount(int nodeCount) {
    if (!logScaled) {
      return minimum;
    }
    int ceilLog2 = nodeCount <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(nodeCount - 1);
    return Math.max(minimum, ceilLog2);
  }
}
