package dev.aino.reconcile;

import java.util.Random;
import java.util.Set;

/**
 * Makes instance suffixes: five characters of lower-case consonants and digits (as Kubernetes does,
 * so no suffix spells a word), unique among the ids given.
 */
public final class InstanceIds {
  private static final char[] ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
  private static final int LENGTH = 5;

  private final Random random;

  /** Seeded for reproducible tests and benchmarks; {@code new Random()} otherwise. */
  public InstanceIds(Random random) {
    this.random = random;
  }

  /** A suffix such that {@code workload + "-" + suffix} is not in {@code taken}. */
  public synchronized String next(String workload, Set<String> taken) {
    while (true) {
      char[] chars = new char[LENGTH];
      for (int i = 0; i < LENGTH; i++) {
        chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
      }
      String suffix = new String(chars);
      if (!taken.contains(workload + "-" + suffix)) {
        return suffix;
      }
    }
  }
}
