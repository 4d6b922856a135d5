package dev.aino.bench.store;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints each backend's table as its rows are measured, and at the end one line per figure that has
 * a baseline, with the ratio.
 */
final class Report {
  private static final String ROW = "  %-34s %-38s %-38s %s";

  private final PrintStream out;
  private final List<String> ratios = new ArrayList<>();
  private String backend;
  private String baseline;

  Report(PrintStream out) {
    this.out = out;
  }

  /** Starts a backend's table; {@code baseline} names its bare client, or is null. */
  void startBackend(String backend, String baseline) {
    this.backend = backend;
    this.baseline = baseline;
    out.println();
    print(backend, "aino", baseline == null ? "" : baseline, "");
  }

  /**
   * A row with aino's figure and, when there is one, the baseline's and their ratio.
   *
   * @param spread the range of the ratio over the rounds, e.g. {@code 0.81-0.93}; null for one
   */
  void row(String measurement, Figure aino, Figure bare, String spread) {
    if (bare == null) {
      print(measurement, aino.text(), "", "");
      return;
    }
    String ratio = aino.ratioText(bare) + (spread == null ? "" : " [rounds " + spread + "]");
    print(measurement, aino.text(), bare.text(), "ratio " + ratio);
    ratios.add(
        String.format(
            Locale.ROOT,
            "%-7s %-34s aino %-12s %-10s %-12s ratio %s",
            backend,
            measurement.strip() + ":",
            compact(aino),
            baseline,
            compact(bare),
            ratio));
  }

  private void print(String first, String aino, String bare, String ratio) {
    out.println(String.format(Locale.ROOT, ROW, first, aino, bare, ratio).stripTrailing());
    out.flush();
  }

  /** A free line under the current table. */
  void note(String line) {
    out.println("  " + line);
    out.flush();
  }

  /** The ratio lines of every backend so far. */
  void printRatios() {
    if (ratios.isEmpty()) {
      return;
    }
    out.println();
    out.println(
        "aino relative to the bare client, above 1 is faster (rates: aino/bare, and in brackets"
            + " bare/aino of the calls' p50; times: bare/aino of the p50):");
    ratios.forEach(out::println);
  }

  private static String compact(Figure f) {
    return f.higherIsBetter() ? Figure.perSecond(f.value()) : Figure.millis((long) f.value());
  }
}
