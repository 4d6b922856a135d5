package dev.aino.bench.intent;

import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.bench.Args;
import dev.aino.bench.LatencyRecorder;
import dev.aino.intent.IntentEngine;
import dev.aino.intent.IntentRequest;
import dev.aino.intent.IntentResult;
import dev.aino.intent.OfflineIntentReader;
import dev.aino.model.Node;
import dev.aino.model.Resources;
import dev.aino.model.WorkloadSpec;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.StoreOptions;
import dev.aino.store.memory.InMemoryStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline intent engine on one thread: one sentence per action, each read and planned (dry run,
 * so the cluster stays as it is) {@code --iterations} times after {@code --warmup}; p50 and p99 per
 * sentence, and what loading the model costs in time, heap and resident memory.
 */
public final class IntentBench {
  /** One sentence per action, planned against the bench cluster. */
  static final Map<String, String> SENTENCES = new LinkedHashMap<>();

  static {
    SENTENCES.put("DEPLOY", "run 3 copies of nginx:1.27 called shop with 256 MiB each");
    SENTENCES.put("UPDATE", "upgrade web to nginx:1.28");
    SENTENCES.put("SCALE", "scale web to 5");
    SENTENCES.put("DELETE", "delete api");
    SENTENCES.put("RESTART", "restart db");
    SENTENCES.put("STATUS", "how is web doing");
    SENTENCES.put("DIAGNOSE", "why is db not running");
    SENTENCES.put("LOGS", "show the logs of api");
    SENTENCES.put("LIST", "list all workloads");
    SENTENCES.put("CLUSTER_STATUS", "how much capacity is left");
    SENTENCES.put("AUTOSCALE", "keep web between 2 and 10 replicas at 60% CPU");
    SENTENCES.put("AUTOSCALE_OFF", "stop autoscaling web");
    SENTENCES.put("CORDON", "cordon node-2");
    SENTENCES.put("UNCORDON", "uncordon node-2");
    SENTENCES.put("DRAIN", "drain node-3");
  }

  private IntentBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, List.of("iterations", "warmup", "workloads"));
    int iterations = args.integer("iterations", 200);
    int warmup = args.integer("warmup", 50);
    int workloads = args.integer("workloads", 100);

    InMemoryStateStore store = new InMemoryStateStore(StoreOptions.defaults());
    for (int n = 1; n <= 3; n++) {
      store.create(Node.of("node-" + n, Resources.of(64_000, 256 * 1024)));
    }
    OrchestratorService service =
        new CoreOrchestratorService(
            store, new Scheduler(SchedulerConfig.defaults()), Clock.systemUTC());
    for (String name : new String[] {"web", "api", "db"}) {
      service.apply(name, WorkloadSpec.builder("nginx:1.27").replicas(2).build());
    }
    for (int w = 3; w < workloads; w++) {
      service.apply("w" + w, WorkloadSpec.builder("nginx:1.27").replicas(1).build());
    }

    long heapBefore = usedHeapAfterGc();
    long rssBefore = residentKiB();
    OfflineIntentReader reader = new OfflineIntentReader();
    long t0 = System.nanoTime();
    reader.warmUp();
    long loadMillis = (System.nanoTime() - t0) / 1_000_000;
    long heapAfter = usedHeapAfterGc();
    long rssAfter = residentKiB();
    IntentEngine engine = new IntentEngine(service, null, reader);

    System.out.printf(
        "intent engine (offline): %d workloads, 3 nodes, %d timed runs per sentence after %d"
            + " warm-up runs, 1 thread%n",
        workloads, iterations, warmup);
    System.out.printf(
        "model load and example embedding: %d ms; heap +%.1f MiB; resident +%.1f MiB%n",
        loadMillis, (heapAfter - heapBefore) / 1048576.0, (rssAfter - rssBefore) / 1024.0);
    System.out.printf("%-15s %-9s %8s %8s  %s%n", "action", "outcome", "p50 ms", "p99 ms", "text");
    LatencyRecorder all = new LatencyRecorder();
    for (Map.Entry<String, String> e : SENTENCES.entrySet()) {
      LatencyRecorder one = new LatencyRecorder();
      IntentResult last = null;
      for (int i = 0; i < warmup + iterations; i++) {
        long s = System.nanoTime();
        last = engine.handle(new IntentRequest(e.getValue(), null, true, false));
        long took = System.nanoTime() - s;
        if (i >= warmup) {
          one.record(took);
        }
      }
      if (last.action() == null || !last.action().name().equals(e.getKey())) {
        System.out.printf("  note: read as %s, not %s%n", last.action(), e.getKey());
      }
      all.addAll(one);
      System.out.printf(
          "%-15s %-9s %8.2f %8.2f  %s%n",
          e.getKey(),
          last.outcome(),
          one.percentileNanos(50) / 1e6,
          one.percentileNanos(99) / 1e6,
          e.getValue());
    }
    System.out.printf(
        "%-15s %-9s %8.2f %8.2f%n",
        "ALL", "", all.percentileNanos(50) / 1e6, all.percentileNanos(99) / 1e6);
    System.out.printf(
        "heap in use after the runs: %.1f MiB; resident: %.1f MiB%n",
        usedHeapAfterGc() / 1048576.0, residentKiB() / 1024.0);
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** VmRSS of this process: the heap plus what onnxruntime holds outside it. */
  private static long residentKiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }
}
