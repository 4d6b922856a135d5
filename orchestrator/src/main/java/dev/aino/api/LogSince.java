package dev.aino.api;

import dev.aino.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code since} of a log request the way people and models write it: an RFC 3339 time
 * ({@code 2026-05-01T12:00:00Z}) or an age ({@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}).
 * Every surface (REST, CLI, MCP) uses this one reading.
 */
public final class LogSince {
  private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");

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
    Matcher age = AGE.matcher(v);
    if (age.matches()) {
      long amount = Long.parseLong(age.group(1));
      Duration back =
          switch (age.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
      return now.minus(back);
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
