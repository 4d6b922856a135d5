package dev.aino.store;

import java.util.Objects;

/**
 * What {@link StateStore#update(ObjectKind, String, java.util.function.Function)} did, so that the
 * caller can say it (an event, an apply's outcome) without reading again.
 *
 * @param before the object as read by the attempt that won, or null when it did not exist
 * @param after the object as stored now: written with its new revision, or {@code before} itself
 *     when the change left it as it was
 * @param <T> the record type
 */
public record UpdateResult<T>(T before, T after) {
  public UpdateResult {
    Objects.requireNonNull(after, "after");
  }

  /** True when the object did not exist and was created. */
  public boolean created() {
    return before == null;
  }

  /** True when something was written: created or changed. */
  public boolean written() {
    return before != after;
  }
}
