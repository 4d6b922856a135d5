package dev.aino.model;

import dev.aino.error.ValidationException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration the way people and models write it: a whole number and a unit, {@code 500ms},
 * {@code 90s}, {@code 10m}, {@code 2h} or {@code 1d}. The one reading for every option and field
 * that takes one (log ages, session and autoscaler timings).
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Durations() {}

  /**
   * The duration {@code text} names.
   *
   * @return null when {@code text} is not of the form; callers that accept other forms try those
   */
  public static Duration tryParse(String text) {
    Matcher m = DURATION.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /**
   * The duration {@code text} names, between {@code min} and {@code max}.
   *
   * @throws ValidationException naming {@code field} when it is not a duration or out of range
   */
  public static Duration parse(String field, String text, Duration min, Duration max) {
    Duration d = tryParse(text);
    if (d == null) {
      throw new ValidationException(
          field, "must be a duration such as 500ms, 90s, 30m, 2h or 1d, got \"" + text + "\"");
    }
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new ValidationException(
          field, "must be between " + text(min) + " and " + text(max) + ", got " + text.strip());
    }
    return d;
  }

  /** The shortest form of {@code d} that {@link #parse} reads back. */
  public static String text(Duration d) {
    long ms = d.toMillis();
    if (ms % 86_400_000L == 0 && ms > 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms % 3_600_000L == 0 && ms > 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms % 60_000L == 0 && ms > 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000L == 0) {
      return ms / 1000L + "s";
    }
    return ms + "ms";
  }
}
