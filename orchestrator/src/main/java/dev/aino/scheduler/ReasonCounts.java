package dev.aino.scheduler;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How many nodes were rejected for each reason. A pipeline has a handful of reasons, mostly string
 * constants, so a short array searched by identity first beats hashing once per node.
 */
final class ReasonCounts {
  private String[] reasons = new String[8];
  private int[] counts = new int[8];
  private int size;

  /** Adds {@code delta} (possibly negative) to the count of {@code reason}. */
  void add(String reason, int delta) {
    int slot = slotOf(reason);
    if (slot < 0) {
      if (size == reasons.length) {
        reasons = Arrays.copyOf(reasons, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
      }
      slot = size++;
      reasons[slot] = reason;
    }
    counts[slot] += delta;
  }

  ReasonCounts copy() {
    ReasonCounts copy = new ReasonCounts();
    copy.reasons = reasons.clone();
    copy.counts = counts.clone();
    copy.size = size;
    return copy;
  }

  /** The reasons with a positive count. */
  Map<String, Integer> toMap() {
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < size; i++) {
      if (counts[i] > 0) {
        map.put(reasons[i], counts[i]);
      }
    }
    return map;
  }

  private int slotOf(String reason) {
    for (int i = 0; i < size; i++) {
      if (reasons[i] == reason) {
        return i;
      }
    }
    for (int i = 0; i < size; i++) {
      if (reasons[i].equals(reason)) {
        return i;
      }
    }
    return -1;
  }
}
