package dev.aino.scheduler;

/**
 * Where one workload's replicas are: an open-addressing table from node index to replica count, and
 * the most on any one node. Kept per workload rather than per node because the scheduler asks about
 * one workload across many candidate nodes in a row: this small table stays in the CPU cache while
 * the candidates change, and flat arrays keep a snapshot of hundreds of thousands of instances
 * cheap to copy and to garbage-collect.
 */
final class ReplicaCounts {
  /** Node index + 1 per slot; 0 marks an empty slot. */
  private int[] keys;

  private int[] counts;
  private int size;
  private int most;

  ReplicaCounts() {
    this(new int[4], new int[4], 0, 0);
  }

  private ReplicaCounts(int[] keys, int[] counts, int size, int most) {
    this.keys = keys;
    this.counts = counts;
    this.size = size;
    this.most = most;
  }

  /** Replicas on the node with snapshot index {@code nodeIndex}. */
  int on(int nodeIndex) {
    int slot = slotOf(nodeIndex + 1, keys);
    return keys[slot] == 0 ? 0 : counts[slot];
  }

  /** The most replicas on any one node. */
  int most() {
    return most;
  }

  /** Adds one replica on the node; returns its new count there. */
  int increment(int nodeIndex) {
    int key = nodeIndex + 1;
    int slot = slotOf(key, keys);
    if (keys[slot] == 0) {
      if (2 * (size + 1) > keys.length) {
        grow();
        slot = slotOf(key, keys);
      }
      keys[slot] = key;
      size++;
    }
    int count = ++counts[slot];
    most = Math.max(most, count);
    return count;
  }

  ReplicaCounts copy() {
    return new ReplicaCounts(keys.clone(), counts.clone(), size, most);
  }

  /** Linear probing from a Fibonacci hash, which scatters consecutive node indices. */
  private static int slotOf(int key, int[] table) {
    int mask = table.length - 1;
    int slot = (key * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(table.length));
    while (table[slot] != 0 && table[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldCounts = counts;
    keys = new int[oldKeys.length * 2];
    counts = new int[keys.length];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = slotOf(oldKeys[i], keys);
        keys[slot] = oldKeys[i];
        counts[slot] = oldCounts[i];
      }
    }
  }
}
