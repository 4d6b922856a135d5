package dev.aino.store;

import java.util.List;

/**
 * A consistent list of objects and the store revision it was read at. Watch from {@code revision +
 * 1} to see every later change.
 *
 * @param items the objects, in key order
 * @param revision the store revision of the read
 * @param <T> the record type
 */
public record ListResult<T>(List<T> items, long revision) {
  public ListResult {
    items = List.copyOf(items);
  }
}
