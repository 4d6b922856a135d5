package dev.aino.agent;

import java.math.BigDecimal;
import java.time.Duration;

/** Short human spellings of durations for messages: {@code 20ms}, {@code 1.5s}, {@code 5m}. */
final class Durations {
  private Durations() {}

  static String format(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
    long seconds = d.toSeconds();
    StringBuilder out = new StringBuilder();
    if (seconds >= 3600) {
      out.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      out.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0) {
      out.append(seconds % 60).append('s');
    }
    return out.toString();
  }
}
