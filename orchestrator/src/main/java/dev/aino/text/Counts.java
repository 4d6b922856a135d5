package dev.aino.text;

/**
 * A number with its noun in the right grammatical number: {@code 1 replica}, {@code 2 replicas},
 * {@code 0 instances}. Messages built by string concatenation said "1 replicas" and "1 instances
 * wait"; every count shown to people goes through here instead.
 */
public final class Counts {
  private Counts() {}

  /** {@code n} and {@code noun}, with an {@code s} appended unless {@code n} is 1 or -1. */
  public static String of(long n, String noun) {
    return of(n, noun, noun + "s");
  }

  /** {@code n} and {@code singular} when {@code n} is 1 or -1, else {@code plural}. */
  public static String of(long n, String singular, String plural) {
    return n + " " + (Math.abs(n) == 1 ? singular : plural);
  }

  /** The verb agreeing with {@code n} things: {@code "waits"} for one, {@code "wait"} else. */
  public static String verb(long n, String singular, String plural) {
    return Math.abs(n) == 1 ? singular : plural;
  }
}
