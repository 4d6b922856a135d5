package dev.aino.store.spi;

import java.time.Duration;

/**
 * One raw write of a batch, with its precondition.
 *
 * @param key full key below the backend's root
 * @param value document to store, or null to delete
 * @param expected {@link #ANY}, {@link #ABSENT}, {@link #PRESENT} or the exact mod revision
 * @param ttl how long the key lives, or null for ever (events only)
 * @param source the object {@code value} encodes, or null; an in-process backend hands it back in
 *     {@link KvEntry#decoded()} and {@link KvChange#decoded()} to save decoding its own writes
 */
public record KvOp(String key, byte[] value, long expected, Duration ttl, Object source) {
  public KvOp(String key, byte[] value, long expected, Duration ttl) {
    this(key, value, expected, ttl, null);
  }

  /** No precondition. */
  public static final long ANY = -1;

  /** The key must not exist. */
  public static final long ABSENT = 0;

  /** The key must exist, at any revision. */
  public static final long PRESENT = -2;

  public boolean isDelete() {
    return value == null;
  }

  /** True when an entry at {@code actual} (0 = absent) satisfies the precondition. */
  public boolean admits(long actual) {
    if (expected == ANY) {
      return true;
    }
    if (expected == PRESENT) {
      return actual > 0;
    }
    return actual == expected;
  }
}
