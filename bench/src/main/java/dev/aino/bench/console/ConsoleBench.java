package dev.aino.bench.console;

import dev.aino.bench.Args;
import dev.aino.bench.BenchServers;
import dev.aino.bench.LatencyRecorder;
import dev.aino.model.WorkloadSpec;
import dev.aino.server.AinoServer;
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
 * long the server takes to answer the workloads page when {@code --workloads} exist (the page
 * renders every row), as p50 and p95 over {@code --requests} requests after a warm-up.
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
    Args args = new Args(argv);
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

      for (int w = 0; w < workloads; w++) {
        server
            .service()
            .apply(
                "w" + w, WorkloadSpec.builder("nginx:1.27").resources(10, 16).replicas(1).build());
      }
      for (int i = 0; i < warmup; i++) {
        get(http, base, "/workloads");
      }
      LatencyRecorder latencies = new LatencyRecorder();
      int bytes = 0;
      for (int i = 0; i < requests; i++) {
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = get(http, base, "/workloads");
        latencies.record(System.nanoTime() - t0);
        bytes = r.body().length;
      }
      System.out.printf(
          "workloads page, %d workloads (%d bytes gzip): p50 %.1f ms, p95 %.1f ms (budget 50 ms p95)%n",
          workloads,
          bytes,
          latencies.percentileNanos(50) / 1e6,
          latencies.percentileNanos(95) / 1e6);
    }
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
