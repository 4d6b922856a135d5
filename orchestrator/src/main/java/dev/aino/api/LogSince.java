package dev.aino.api;

import dev.aino.error.ValidationException;
import dev.aino.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code since} of a log request the way people and models write it: an RFC 3339 time
 * ({@code 2026-05-01T12:00:00Z}) or an age ({@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}).
 * Every surface (REST, CLI, MCP) uses this one reading.
 */
public final class LogSince {
  private LogSince() {}

  /**
   * The instant {@code value} names, ages counted back from {@code now}; null for a null or blank
   * value.
   *
   * @throws ValidationException naming {@code field} when it is neither form
   */
  public static Instant parse(String field, String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    Duration age = Durations.tryParse(v);
    if (age != null) {
      return now.minus(age);
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          field,
          "must be an RFC 3339 time such as 2026-05-01T12:00:00Z or an age such as 90s, 10m, 2h"
              + " or 1d, got \""
              + value
              + "\"");
    }
  }
}
