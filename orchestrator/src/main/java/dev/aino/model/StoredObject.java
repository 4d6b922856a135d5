package dev.aino.model;

/**
 * An object the state store keeps. Each carries the store revision it was last written at; a writer
 * hands that revision back to make its update conditional (compare-and-swap).
 *
 * @param <T> the record type itself
 */
public interface StoredObject<T extends StoredObject<T>> {
  /** Revision of an object that was never stored. */
  long UNSTORED = 0;

  /** The key under the kind's prefix, e.g. {@code web/web-7f3k2} for an instance. */
  String storeKey();

  /** The store revision this copy was written at, or {@link #UNSTORED}. */
  long revision();

  /** A copy stamped with another revision; only the store calls this. */
  T withRevision(long revision);
}
