package dev.aino.api;

import dev.aino.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One page of a list, so that no answer grows with the cluster. The same type on every surface: the
 * facade returns it, REST sends it as it is, and MCP tools answer with its three fields.
 *
 * <p>A cursor names the sort key of the last item served, so a page that follows never repeats or
 * skips an item because others were added or removed in front of it. It is opaque (a versioned,
 * URL-safe encoding) so that its form may change without breaking clients.
 *
 * @param items this page's items
 * @param total how many items the whole list (with the same filters) has
 * @param nextCursor pass as the request's cursor for the next page; null on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int total, String nextCursor) {
  private static final String VERSION = "k1:";

  public Page {
    items = List.copyOf(items);
  }

  /**
   * The page of {@code all} that {@code request} asks for, in the order of {@code key}: the first
   * {@code limit} items whose key sorts after the cursor's.
   *
   * @throws ValidationException naming {@code cursor} when it is not one this class made
   */
  public static <T> Page<T> of(List<T> all, Function<? super T, String> key, PageRequest request) {
    String after = request.cursor() == null ? null : decode(request.cursor());
    List<T> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(key));
    List<T> items = new ArrayList<>();
    String next = null;
    for (T item : sorted) {
      if (after != null && key.apply(item).compareTo(after) <= 0) {
        continue;
      }
      if (items.size() == request.limit()) {
        next = encode(key.apply(items.get(items.size() - 1)));
        break;
      }
      items.add(item);
    }
    return new Page<>(items, sorted.size(), next);
  }

  /**
   * The same page with each item converted. Lists are paged first and converted after, so a page of
   * 50 out of 10,000 converts 50.
   */
  public <R> Page<R> map(Function<? super T, ? extends R> convert) {
    return new Page<>(
        items.stream().map(convert).collect(Collectors.toUnmodifiableList()), total, nextCursor);
  }

  /** True when items of the list are not in this page. */
  public boolean truncated() {
    return items.size() < total;
  }

  private static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((VERSION + key).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(VERSION)) {
        return text.substring(VERSION.length());
      }
    } catch (IllegalArgumentException notBase64) {
      // Reported below.
    }
    throw new ValidationException(
        "cursor", "is not a cursor from this server: pass the nextCursor of the previous page");
  }
}
