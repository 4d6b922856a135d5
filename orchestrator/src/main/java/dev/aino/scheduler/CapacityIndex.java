package dev.aino.scheduler;

/**
 * Finds, in visit order, the next node that passed the node filters for one node selector and has
 * at least the requested free CPU and memory. A max-segment tree over the visit positions holds
 * each node's free CPU and memory (nodes the filters excluded hold a sentinel below any request); a
 * search skips every subtree whose maxima cannot fit the request, so a nearly full cluster costs
 * about O(log N) per candidate found instead of a scan over the nodes that have no room.
 *
 * <p>It only proposes nodes: the pass still runs the resource checkers on each proposal, which stay
 * the authority and name the reasons in reports. Free amounts are clamped to int, which holds any
 * host-sized value (see {@link dev.aino.model.Resources#MAX_HOST_MEMORY_MIB}).
 */
final class CapacityIndex {
  /** The value of excluded nodes and padding; below every request, which is at least 0. */
  private static final int EXCLUDED = Integer.MIN_VALUE;

  final FilterVerdicts verdicts;
  private final int size;
  private final int leaves;
  private final int[] maxCpu;
  private final int[] maxMemory;

  /** Indexes every node of {@code order}, leaving out those {@code verdicts} exclude. */
  CapacityIndex(ClusterSnapshot snapshot, VisitOrder order, FilterVerdicts verdicts) {
    this.verdicts = verdicts;
    size = order.size();
    leaves = Integer.highestOneBit(Math.max(1, size - 1)) << 1;
    maxCpu = new int[2 * leaves];
    maxMemory = new int[2 * leaves];
    for (int position = 0; position < leaves; position++) {
      int leaf = leaves + position;
      NodeState node = position < size ? snapshot.nodeAt(order.nodeAt(position)) : null;
      if (node == null || verdicts.reasonFor(node.index) != null) {
        maxCpu[leaf] = EXCLUDED;
        maxMemory[leaf] = EXCLUDED;
      } else {
        maxCpu[leaf] = clamp(node.freeCpuMillis());
        maxMemory[leaf] = clamp(node.freeMemoryMiB());
      }
    }
    for (int i = leaves - 1; i >= 1; i--) {
      pull(i);
    }
  }

  /** The first position at or after {@code from} with room for the request, or {@code size}. */
  int next(int from, long cpuMillis, long memoryMiB) {
    if (from >= size) {
      return size;
    }
    int found = search(1, 0, leaves, from, cpuMillis, memoryMiB);
    return found < 0 ? size : found;
  }

  /** Records the node's new free amounts after an assignment; excluded nodes stay excluded. */
  void update(int position, NodeView node) {
    int i = leaves + position;
    if (maxCpu[i] == EXCLUDED) {
      return;
    }
    maxCpu[i] = clamp(node.freeCpuMillis());
    maxMemory[i] = clamp(node.freeMemoryMiB());
    for (i >>>= 1; i >= 1; i >>>= 1) {
      pull(i);
    }
  }

  private int search(int i, int lo, int hi, int from, long cpuMillis, long memoryMiB) {
    if (hi <= from || maxCpu[i] < cpuMillis || maxMemory[i] < memoryMiB) {
      return -1;
    }
    if (i >= leaves) {
      return lo;
    }
    int mid = (lo + hi) >>> 1;
    int found = search(2 * i, lo, mid, from, cpuMillis, memoryMiB);
    return found >= 0 ? found : search(2 * i + 1, mid, hi, from, cpuMillis, memoryMiB);
  }

  private void pull(int i) {
    maxCpu[i] = Math.max(maxCpu[2 * i], maxCpu[2 * i + 1]);
    maxMemory[i] = Math.max(maxMemory[2 * i], maxMemory[2 * i + 1]);
  }

  /** Negative free (an over-committed node) becomes -1: nothing fits, not even a zero request. */
  private static int clamp(long free) {
    return (int) Math.max(-1, Math.min(Integer.MAX_VALUE, free));
  }
}
