package dev.aino.server.rest;

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
    Integer limit = QueryParams.integer(ctx, "limit", 1, MAX_LIMIT);
    return new PageRequest(
        limit == null ? DEFAULT_LIMIT : limit, QueryParams.optional(ctx, "after"));
  }
}
