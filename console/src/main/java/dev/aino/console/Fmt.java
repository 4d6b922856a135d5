package dev.aino.console;

import dev.aino.model.InstancePhase;
import dev.aino.model.Resources;
import java.time.Duration;
import java.time.Instant;

/** How the pages write quantities and times: short, in the units people read at a glance. */
public final class Fmt {
  private Fmt() {}

  /** {@code 250m} below a core, {@code 1.5} cores above. */
  public static String cpu(long millis) {
    if (millis < 1000) {
      return millis + "m";
    }
    return trim(millis / 1000.0) + " cores";
  }

  /** {@code 512 MiB}, {@code 1.5 GiB}. */
  public static String memory(long mib) {
    if (mib < 1024) {
      return mib + " MiB";
    }
    return trim(mib / 1024.0) + " GiB";
  }

  /** The share of {@code total} that {@code used} is, 0 to 100, for bar widths. */
  public static int percent(long used, long total) {
    if (total <= 0) {
      return 0;
    }
    return (int) Math.min(100, Math.round(used * 100.0 / total));
  }

  public static int cpuPercent(Resources used, Resources total) {
    return percent(used.cpuMillis(), total.cpuMillis());
  }

  public static int memoryPercent(Resources used, Resources total) {
    return percent(used.memoryMiB(), total.memoryMiB());
  }

  /** {@code 5s ago}, {@code 3m ago}, {@code 2h ago}, {@code 4d ago}; empty for null. */
  public static String ago(Instant then, Instant now) {
    if (then == null) {
      return "";
    }
    long s = Math.max(0, Duration.between(then, now).getSeconds());
    if (s < 60) {
      return s + "s ago";
    }
    if (s < 3600) {
      return s / 60 + "m ago";
    }
    if (s < 86400) {
      return s / 3600 + "h ago";
    }
    return s / 86400 + "d ago";
  }

  /** The CSS class that colours a phase: ok, busy, bad or done. */
  public static String tone(InstancePhase phase) {
    if (phase == null) {
      return "done";
    }
    switch (phase) {
      case RUNNING:
      case SUCCEEDED:
        return "ok";
      case PENDING:
      case SCHEDULED:
      case STARTING:
        return "busy";
      case FAILED:
      case LOST:
        return "bad";
      default:
        return "done";
    }
  }

  /** Title case of an enum constant: {@code ON_FAILURE} becomes {@code On failure}. */
  public static String label(Enum<?> value) {
    String s = value.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * The given lines in order, without nulls, blanks and repeats: a line that an earlier kept line
   * already says (the engine's summary often repeats its question or the plan's summary) is left
   * out, so an answer reads each thing once.
   */
  public static java.util.List<String> distinct(String... lines) {
    java.util.List<String> kept = new java.util.ArrayList<>();
    for (String line : lines) {
      if (line == null || line.isBlank()) {
        continue;
      }
      boolean said = false;
      for (int i = 0; i < kept.size() && !said; i++) {
        String other = kept.get(i);
        if (other.contains(line)) {
          said = true;
        } else if (line.contains(other)) {
          kept.set(i, line); // the longer line says both
          said = true;
        }
      }
      if (!said) {
        kept.add(line);
      }
    }
    return kept;
  }

  private static String trim(double value) {
    String s = String.format(java.util.Locale.ROOT, "%.1f", value);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
