package dev.aino.bench.console;

import dev.aino.bench.Args;
import dev.aino.bench.BenchServers;
import dev.aino.bench.LatencyRecorder;
import dev.aino.model.WorkloadSpec;
import dev.aino.server.AinoServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The console's two budgets, on a real server with the simulated runtime: what a first visit
 * transfers (the overview page and every asset it loads, gzip-encoded as a browser asks), and how
 * long the server takes to answer the workloads page when {@code --workloads} exist (its first page
 * of 100 rows and the total count, as a browser opens it), as p50 and p95 over {@code --requests}
 * requests after a warm-up, once the cluster has settled. A static asset is measured the same way
 * as the baseline, and each with the process's CPU time per request: on a shared, loaded machine a
 * request's time is mostly waiting for a core, and the baseline and the CPU time tell the page's
 * own cost from the machine's.
 */
public final class ConsoleBench {
  private static final String TOKEN = "console-bench";
  private static final List<String> FIRST_LOAD =
      List.of(
          "/",
          "/ui/assets/console.css",
          "/ui/assets/htmx.min.js",
          "/ui/assets/sse.js",
          "/ui/assets/console.js",
          "/ui/live/overview");

  private ConsoleBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, List.of("requests", "warmup", "workloads"));
    int workloads = args.integer("workloads", 1000);
    int requests = args.integer("requests", 200);
    int warmup = args.integer("warmup", 50);
    Path dataDir = Files.createTempDirectory("aino-console-bench");
    try (AinoServer server = BenchServers.simulated(dataDir, TOKEN)) {
      HttpClient http = HttpClient.newHttpClient();
      URI base = server.baseUri();
      long firstLoad = 0;
      for (String path : FIRST_LOAD) {
        HttpResponse<byte[]> r = get(http, base, path);
        firstLoad += r.body().length;
        System.out.printf("  %-26s %7d bytes (%s)%n", path, r.body().length, encoding(r));
      }
      System.out.printf("first load: %.1f KB transferred (budget 300 KB)%n", firstLoad / 1024.0);

      // Small enough that 1,000 fit the one simulated node (2 cores): nothing stays pending, so
      // the scheduler is not retrying in the background while the page is measured.
      for (int w = 0; w < workloads; w++) {
        server
            .service()
            .apply("w" + w, WorkloadSpec.builder("nginx:1.27").resources(1, 8).replicas(1).build());
      }
      settle(server);
      // The page, then a static asset as the baseline: what any request costs on this machine
      // now (on a loaded machine most of a request's time is waiting for a core). CPU per request
      // is the process's CPU time over the loop, which the load does not inflate.
      Measured page = measure(http, base, "/workloads", warmup, requests);
      Measured baseline = measure(http, base, "/ui/assets/console.css", warmup, requests);
      System.out.printf(
          "workloads page, %d workloads, first page of 100 (%d bytes gzip): p50 %.1f ms, p95 %.1f"
              + " ms (budget 50 ms p95), %.2f ms CPU per request%n",
          workloads, page.bytes, page.p50(), page.p95(), page.cpuMillis);
      System.out.printf(
          "baseline, a 3 KB static asset: p50 %.1f ms, p95 %.1f ms, %.2f ms CPU per request%n",
          baseline.p50(), baseline.p95(), baseline.cpuMillis);
      System.out.printf(
          "load average %.1f on %d cores%n",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** One path's latencies over {@code requests} requests, after {@code warmup}. */
  private record Measured(LatencyRecorder latencies, int bytes, double cpuMillis) {
    double p50() {
      return latencies.percentileNanos(50) / 1e6;
    }

    double p95() {
      return latencies.percentileNanos(95) / 1e6;
    }
  }

  private static Measured measure(HttpClient http, URI base, String path, int warmup, int requests)
      throws Exception {
    for (int i = 0; i < warmup; i++) {
      get(http, base, path);
    }
    LatencyRecorder latencies = new LatencyRecorder();
    int bytes = 0;
    long cpu0 = processCpuNanos();
    for (int i = 0; i < requests; i++) {
      long t0 = System.nanoTime();
      HttpResponse<byte[]> r = get(http, base, path);
      latencies.record(System.nanoTime() - t0);
      bytes = r.body().length;
    }
    return new Measured(latencies, bytes, (processCpuNanos() - cpu0) / 1e6 / requests);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Waits until the controller has placed what it can (no instance changed phase or node for two
   * seconds, at most two minutes), so that the page is measured in a steady cluster, not beside the
   * placement of 1,000 new workloads.
   */
  private static void settle(AinoServer server) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    String last = "";
    int stable = 0;
    while (stable < 4 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      String now = server.service().cluster().instancesByPhase().toString();
      stable = now.equals(last) ? stable + 1 : 0;
      last = now;
    }
    System.out.println("settled: instances by phase " + last);
  }

  private static HttpResponse<byte[]> get(HttpClient http, URI base, String path) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "text/html")
                .header("Accept-Encoding", "gzip")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
    }
    return r;
  }

  private static String encoding(HttpResponse<?> r) {
    return r.headers().firstValue("Content-Encoding").orElse("identity");
  }
}
