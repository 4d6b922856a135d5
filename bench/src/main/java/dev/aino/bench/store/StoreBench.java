package dev.aino.bench.store;

import dev.aino.bench.Args;
import dev.aino.bench.Machine;
import dev.aino.bench.StoreSite;
import java.util.Locale;

/**
 * The state-store benchmark: {@code java -jar bench/target/aino-bench.jar store --backend
 * memory|sqlite|etcd|all [--etcd URL] [--data-dir DIR] [--threads 8] [--seconds 2] [--rounds 3]
 * [--check-perf true|false]}. For each backend, conditional writes (1 and N threads), batched
 * creates, lists of 100,000 and 1,000 instances and watch delivery, through aino's store and, where
 * one exists, the bare client below it, with their ratio.
 */
public final class StoreBench {
  private StoreBench() {}

  public static void main(String[] argv) throws Exception {
    Args args;
    StoreBenchSettings settings;
    try {
      args = new Args(argv, Args.union(StoreSite.OPTIONS, StoreBenchSettings.OPTIONS));
      settings = StoreBenchSettings.of(args);
    } catch (IllegalArgumentException e) {
      System.err.println("store: " + e.getMessage());
      System.exit(2);
      return;
    }
    long began = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "store benchmark on %s%n"
            + "  %d writer threads for the concurrent writes; %d s warm-up, then %d s per"
            + " measurement; payload: an instance of ~%d bytes of JSON%n",
        Machine.describe(),
        settings.threads(),
        settings.warmup().toSeconds(),
        settings.measure().toSeconds(),
        Payloads.bareTemplate().length);
    Report report = new Report(System.out);
    try (StoreSite site = StoreSite.of(args)) {
      for (String backend : settings.backends()) {
        new BackendBench(backend, site, settings, report).run();
      }
    }
    report.printRatios();
    System.out.printf(
        Locale.ROOT,
        "%nload average at the end %s; the run took %.0f s%n",
        Machine.loadAverage(),
        (System.nanoTime() - began) / 1e9);
  }
}
