package dev.aino.server.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list response, so that no list answer grows without bound.
 *
 * @param items this page's items
 * @param total how many items the whole list (with the same filters) has
 * @param truncated true when items were left out of this page
 * @param next the cursor to pass as {@code ?after=} for the next page; null on the last page, and
 *     always for events, whose pages hold the newest items
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int total, boolean truncated, String next) {
  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page of {@code all} that {@code request} asks for, in the order of {@code key}: the first
   * {@code limit} items whose key sorts after the cursor.
   */
  static <T> Page<T> byKey(List<T> all, Function<T, String> key, PageRequest request) {
    List<T> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(key));
    List<T> items = new ArrayList<>();
    String next = null;
    for (T item : sorted) {
      if (request.after() != null && key.apply(item).compareTo(request.after()) <= 0) {
        continue;
      }
      if (items.size() == request.limit()) {
        next = key.apply(items.get(items.size() - 1));
        break;
      }
      items.add(item);
    }
    return new Page<>(items, sorted.size(), next != null, next);
  }

  /** The newest {@code limit} items of a list that is oldest first, keeping that order. */
  static <T> Page<T> newest(List<T> oldestFirst, PageRequest request) {
    int from = Math.max(0, oldestFirst.size() - request.limit());
    return new Page<>(
        oldestFirst.subList(from, oldestFirst.size()), oldestFirst.size(), from > 0, null);
  }
}
