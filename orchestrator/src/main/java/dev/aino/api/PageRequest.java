package dev.aino.api;

import dev.aino.error.ValidationException;
import java.math.BigInteger;

/**
 * Which page of a list a caller asks for. Every list of the facade takes one, and every surface
 * reads it from its input the same way, so REST and MCP page alike and share one cursor format.
 *
 * @param limit most items in the page, 1 to {@value #MAX_LIMIT}
 * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first page
 */
public record PageRequest(int limit, String cursor) {
  /** The largest page any surface serves. */
  public static final int MAX_LIMIT = 5000;

  public PageRequest {
    checkLimit(limit, MAX_LIMIT);
    cursor = cursor == null || cursor.isEmpty() ? null : cursor;
  }

  /** The first {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }

  /**
   * A request as a surface reads it: {@code limit} absent means {@code defaultLimit}; a surface may
   * serve smaller pages than {@link #MAX_LIMIT} (MCP answers go into a model's context).
   *
   * @throws ValidationException naming {@code limit} and its range when it is outside 1 to {@code
   *     maxLimit}
   */
  public static PageRequest of(Integer limit, String cursor, int defaultLimit, int maxLimit) {
    if (limit == null) {
      return new PageRequest(defaultLimit, cursor);
    }
    return new PageRequest(checkLimit(limit, maxLimit), cursor);
  }

  /**
   * As {@link #of(Integer, String, int, int)} with the limit as text (a query parameter): a number
   * out of range, however long, is told its range; anything else that it is not a whole number.
   */
  public static PageRequest parse(String limit, String cursor, int defaultLimit, int maxLimit) {
    if (limit == null || limit.isEmpty()) {
      return new PageRequest(defaultLimit, cursor);
    }
    BigInteger value;
    try {
      value = new BigInteger(limit.trim());
    } catch (NumberFormatException e) {
      throw new ValidationException(
          "limit", "must be a whole number between 1 and " + maxLimit + ", got \"" + limit + "\"");
    }
    if (value.signum() <= 0 || value.compareTo(BigInteger.valueOf(maxLimit)) > 0) {
      throw outOfRange(value.toString(), maxLimit);
    }
    return new PageRequest(value.intValue(), cursor);
  }

  private static int checkLimit(int limit, int maxLimit) {
    if (limit < 1 || limit > maxLimit) {
      throw outOfRange(Integer.toString(limit), maxLimit);
    }
    return limit;
  }

  private static ValidationException outOfRange(String limit, int maxLimit) {
    return new ValidationException("limit", "must be between 1 and " + maxLimit + ", got " + limit);
  }
}
