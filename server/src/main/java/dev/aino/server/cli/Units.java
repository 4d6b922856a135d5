package dev.aino.server.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.LongFunction;

/** Short human forms of times and quantities, as tables show them: {@code 5m}, {@code 250m}. */
final class Units {
  private Units() {}

  /**
   * How long ago {@code then} was, kubectl style: {@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}.
   */
  static String age(Instant then, Instant now) {
    if (then == null || then.equals(Instant.EPOCH)) {
      return "-";
    }
    long seconds = Math.max(0, Duration.between(then, now).toSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 120) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    return hours < 48 ? hours + "h" : hours / 24 + "d";
  }

  /** CPU in millicores as cores when whole ({@code 2}), else millicores ({@code 250m}). */
  static String cpu(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
  }

  /** Memory in MiB as {@code Gi} when whole gibibytes ({@code 16Gi}), else {@code Mi}. */
  static String memory(long mib) {
    return mib >= 1024 && mib % 1024 == 0 ? mib / 1024 + "Gi" : mib + "Mi";
  }

  /**
   * One CPU unit for amounts shown together (a line, a column): whole cores when every amount is
   * whole, else millicores for all, so that no one reads {@code 400m of 2} as 400 of 2.
   */
  static LongFunction<String> cpuUnit(long... amounts) {
    return Arrays.stream(amounts).allMatch(m -> m % 1000 == 0)
        ? m -> Long.toString(m / 1000)
        : m -> m + "m";
  }

  /** One memory unit for amounts shown together: {@code Gi} when every one is whole, else Mi. */
  static LongFunction<String> memoryUnit(long... amounts) {
    return Arrays.stream(amounts).allMatch(m -> m % 1024 == 0)
        ? m -> m / 1024 + "Gi"
        : m -> m + "Mi";
  }
}
