package dev.aino.bench.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.bench.Args;
import dev.aino.bench.BenchServers;
import dev.aino.bench.ClosedLoop;
import dev.aino.bench.Machine;
import dev.aino.bench.Throughput;
import dev.aino.files.FileTrees;
import dev.aino.json.Json;
import dev.aino.model.WorkloadSpec;
import dev.aino.server.AinoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What asking aino over A2A costs another agent: {@code SendMessage} with a status intent ("how is
 * bench-web doing?"), a completed task with the answer as text and data, against {@code GET
 * /api/v1/workloads/bench-web}, the same facts over REST, in the same run on the same server
 * ({@code aino up} in this process: memory store, simulated runtime), from 1 and 4 clients at once.
 * The difference is the intent engine (reading the sentence offline) plus the task's bookkeeping.
 */
public final class A2aBench {
  private static final String WORKLOAD = "bench-web";

  private A2aBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, List.of("clients", "seconds", "warmup"));
    Duration warmup = Duration.ofSeconds(args.integer("warmup", 3));
    Duration measure = Duration.ofSeconds(args.integer("seconds", 5));
    int[] clients =
        java.util.Arrays.stream(args.text("clients", "1,4").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray();
    System.out.println("a2a: " + Machine.describe());
    String token = UUID.randomUUID().toString();
    Path dataDir = Files.createTempDirectory("aino-a2a-bench");
    try (AinoServer server = BenchServers.simulated(dataDir, token)) {
      server.service().apply(WORKLOAD, WorkloadSpec.builder("busybox:1.36").replicas(2).build());
      long t0 = System.nanoTime();
      server.intents().warmUp();
      System.out.printf("  intent model loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      URI base = server.baseUri();
      // One call each first: both answer, and the answer is the status.
      JsonNode task = Json.mapper().readTree(a2a(HttpClient.newHttpClient(), base, token));
      String state = task.path("result").path("task").path("status").path("state").asText();
      if (!state.equals("TASK_STATE_COMPLETED")) {
        throw new IllegalStateException("the status intent did not complete: " + task);
      }
      rest(HttpClient.newHttpClient(), base, token);
      System.out.printf(
          "  %-34s %8s %10s %10s %10s%n", "operation", "clients", "calls/s", "p50 ms", "p99 ms");
      for (int n : clients) {
        Throughput r = measure(n, warmup, measure, http -> rest(http, base, token));
        Throughput a = measure(n, warmup, measure, http -> a2a(http, base, token));
        print("REST GET /api/v1/workloads/{name}", n, r);
        print("A2A SendMessage \"how is it doing\"", n, a);
        System.out.printf(
            "  %-34s %8d %9.1fx %9.1fx %9.1fx%n",
            "A2A / REST",
            n,
            r.perSecond() / a.perSecond(),
            a.latencies().percentileNanos(50) / (double) r.latencies().percentileNanos(50),
            a.latencies().percentileNanos(99) / (double) r.latencies().percentileNanos(99));
      }
    } finally {
      FileTrees.delete(dataDir);
    }
    System.out.println("  done: " + Machine.describe());
  }

  private interface Call {
    void call(HttpClient http) throws Exception;
  }

  private static Throughput measure(int clients, Duration warmup, Duration measure, Call call)
      throws Exception {
    List<ClosedLoop.Op> ops = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      HttpClient http = HttpClient.newHttpClient();
      ops.add(start -> call.call(http));
    }
    return ClosedLoop.run(ops, ClosedLoop.Warmup.of(warmup), measure);
  }

  private static void print(String name, int clients, Throughput t) {
    System.out.printf(
        "  %-34s %8d %10.0f %10.2f %10.2f%n",
        name,
        clients,
        t.perSecond(),
        t.latencies().percentileNanos(50) / 1e6,
        t.latencies().percentileNanos(99) / 1e6);
  }

  private static void rest(HttpClient http, URI base, String token) throws Exception {
    send(
        http,
        HttpRequest.newBuilder(base.resolve("/api/v1/workloads/" + WORKLOAD))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  private static String a2a(HttpClient http, URI base, String token) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":"
            + "{\"messageId\":\""
            + UUID.randomUUID()
            + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"how is "
            + WORKLOAD
            + " doing?\"}]}}}";
    String answer =
        send(
            http,
            HttpRequest.newBuilder(base.resolve("/a2a"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    if (answer.contains("\"error\"")) {
      throw new IllegalStateException("A2A answered an error: " + answer);
    }
    return answer;
  }

  private static String send(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<String> r =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
