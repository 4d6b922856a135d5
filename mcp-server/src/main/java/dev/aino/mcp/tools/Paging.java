package dev.aino.mcp.tools;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Cuts lists into pages that fit a model's context: 50 items unless asked, at most 500, and an
 * opaque cursor for the next page. The cursor is an offset into the list as sorted by the facade;
 * it is opaque so that a later version may key it differently without breaking clients.
 */
final class Paging {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private static final String PREFIX = "v1:";

  private Paging() {}

  /**
   * One page of a list.
   *
   * @param items the page
   * @param total items in the whole list
   * @param nextCursor pass as {@code cursor} for the next page; null on the last page
   */
  record Page<T>(List<T> items, int total, String nextCursor) {
    /**
     * The same page with each item converted. Lists are paged first and converted after, so a page
     * of 50 out of 10,000 converts 50 (turning every item into its view cost a call on a
     * 10,000-instance cluster about as much CPU as reading the instances).
     */
    <R> Page<R> map(Function<? super T, ? extends R> convert) {
      return new Page<>(
          items.stream().map(convert).collect(Collectors.toUnmodifiableList()), total, nextCursor);
    }
  }

  static <T> Page<T> page(List<T> all, String cursor, Integer limit) {
    int size = limit == null ? DEFAULT_LIMIT : (int) Validate.range("limit", limit, 1, MAX_LIMIT);
    int from = Math.min(offset(cursor), all.size());
    int to = Math.min(from + size, all.size());
    String next = to < all.size() ? encode(to) : null;
    return new Page<>(List.copyOf(all.subList(from, to)), all.size(), next);
  }

  private static int offset(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        int offset = Integer.parseInt(text.substring(PREFIX.length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // Not ours: reported below.
    }
    throw new ValidationException(
        "cursor", "is not a cursor from this server: pass the nextCursor of the previous page");
  }

  private static String encode(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** "showing 50 of 120; pass cursor ... for more", or "" when all is shown. */
  static String more(Page<?> page) {
    return page.nextCursor() == null
        ? ""
        : " Showing "
            + page.items().size()
            + " of "
            + page.total()
            + "; call again with cursor \""
            + page.nextCursor()
            + "\" for more.";
  }
}
