package dev.aino.server.rest;

import dev.aino.error.ValidationException;
import io.javalin.http.Context;

/**
 * What page of a list the client asked for: {@code ?limit=} (default {@value #DEFAULT_LIMIT}, at
 * most {@value #MAX_LIMIT}) and {@code ?after=}, the {@code next} cursor of the previous page.
 *
 * @param limit most items in the page
 * @param after only items whose key sorts after this one; null for the first page
 */
record PageRequest(int limit, String after) {
  static final int DEFAULT_LIMIT = 500;
  static final int MAX_LIMIT = 5000;

  static PageRequest of(Context ctx) {
    return new PageRequest(
        limit(QueryParams.optional(ctx, "limit")), QueryParams.optional(ctx, "after"));
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ValidationException("limit", "must be a whole number, got \"" + text + "\"");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException(
          "limit", "must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    return limit;
  }
}
