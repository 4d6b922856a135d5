package dev.aino.bench.mcp;

import dev.aino.bench.Args;
import dev.aino.bench.ClosedLoop;
import dev.aino.bench.Machine;
import dev.aino.bench.Throughput;
import dev.aino.files.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What aino's MCP layer costs an agent: a real {@code aino up} in this process (memory store,
 * simulated runtime) with {@code --instances} instances running on {@code --nodes} simulated nodes;
 * {@code list_instances}, {@code get_workload} and other reads from 1 and 8 sessions at once
 * ({@code --operations} picks some by label), each through four surfaces in the same run: the REST
 * API, the baseline every other row is divided by; MCP over Streamable HTTP with the same HTTP
 * client ({@link McpJdkSurface}); MCP with the SDK's Java client ({@link McpSdkSurface}); and the
 * facade in-process.
 */
public final class McpBench {
  private McpBench() {}

  public static void main(String[] argv) throws Exception {
    quietLibraries();
    Args args =
        new Args(
            argv,
            List.of(
                "instances",
                "nodes",
                "operations",
                "rounds",
                "seconds",
                "sessions",
                "warmup",
                "workloads"));
    int instances = args.integer("instances", 10_000);
    int workloads = args.integer("workloads", 100);
    int nodes = args.integer("nodes", 20);
    Duration warmup = Duration.ofSeconds(args.integer("warmup", 2));
    Duration measure = Duration.ofSeconds(args.integer("seconds", 3));
    int rounds = args.integer("rounds", 3);
    if (rounds < 1 || rounds > 20) {
      throw new Args.UsageException("--rounds must be 1 to 20, got " + rounds);
    }
    int[] sessions =
        Arrays.stream(args.text("sessions", "1,8").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .toArray();
    if (workloads < 1 || nodes < 1 || instances % workloads != 0) {
      throw new IllegalArgumentException(
          "--instances must be a multiple of --workloads, and both and --nodes at least 1");
    }
    // Refused before the cluster starts, not after minutes of populating it.
    List<Operation> operations =
        Operations.named(
            Operations.all(SimulatedCluster.workloadName(workloads / 2)),
            args.text("operations", ""));
    System.out.println("mcp: " + Machine.describe());
    Path dataDir = Files.createTempDirectory("aino-mcp-bench");
    try (SimulatedCluster cluster =
        SimulatedCluster.start(dataDir, nodes - 1, UUID.randomUUID().toString())) {
      Duration populated =
          cluster.populate(workloads, instances / workloads, Duration.ofMinutes(15));
      System.out.printf(
          "  %d instances of %d workloads running on %d nodes after %.1f s%n",
          instances, workloads, cluster.nodes(), populated.toMillis() / 1e3);
      McpSdkSurface mcpSdk = new McpSdkSurface(cluster.baseUri(), cluster.token());
      RestSurface rest = new RestSurface(cluster.baseUri(), cluster.token());
      List<Surface> surfaces =
          List.of(
              rest,
              new McpJdkSurface(cluster.baseUri(), cluster.token()),
              mcpSdk,
              new FacadeSurface(cluster.service()));
      McpReport report = new McpReport(System.out);
      report.sizes(ResponseSizes.measure(operations, mcpSdk, rest));
      report.startLatencies();
      for (Operation operation : operations) {
        for (int n : sessions) {
          report.latencies(
              operation, n, surfaces, alternating(surfaces, operation, n, warmup, measure, rounds));
        }
      }
    } finally {
      FileTrees.delete(dataDir);
    }
    System.out.println("  done: " + Machine.describe());
  }

  /**
   * Every session's initialize and every agent's start would log a line between the table's rows;
   * warnings still show. Set before the first logger is made, unless the command line set them.
   */
  private static void quietLibraries() {
    for (String logger : List.of("io.modelcontextprotocol", "dev.aino.agent")) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "warn");
      }
    }
  }

  /**
   * Whether a thread is one of the in-process server's request threads (Javalin's Jetty pool),
   * which serve REST and MCP calls alike: their CPU time is the server's cost of the calls.
   */
  private static boolean serverThread(String name) {
    return name.startsWith("JettyServerThreadPool");
  }

  /**
   * Each surface's figures for {@code operation} from {@code sessions} sessions of its own calling
   * back to back, measured in {@code rounds} windows of {@code measure / rounds} that take turns
   * with the other surfaces' windows, each round starting with another surface.
   *
   * <p>Why in turns: the node agents keep writing to the store while the benchmark runs, so what a
   * read costs drifts over a run (how much of the cache is warm, how many writes land meanwhile).
   * Measured one whole surface after another, the last one would pay for the drift alone.
   */
  private static List<Throughput> alternating(
      List<Surface> surfaces,
      Operation operation,
      int sessions,
      Duration warmup,
      Duration measure,
      int rounds)
      throws Exception {
    List<List<Surface.Session>> open = new ArrayList<>();
    try {
      List<List<ClosedLoop.Op>> ops = new ArrayList<>();
      List<List<Throughput>> parts = new ArrayList<>();
      for (Surface surface : surfaces) {
        List<Surface.Session> mine = new ArrayList<>();
        open.add(mine);
        List<ClosedLoop.Op> calls = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
          Surface.Session session = surface.open();
          mine.add(session);
          calls.add(start -> session.call(operation));
        }
        ops.add(calls);
        parts.add(new ArrayList<>());
      }
      Duration window = measure.dividedBy(rounds);
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < surfaces.size(); k++) {
          int i = (round + k) % surfaces.size();
          // The first window of a surface warms its sessions up; later ones find them warm but
          // idle since the others' turns, so a few calls settle them before timing.
          ClosedLoop.Warmup warm =
              round == 0
                  ? ClosedLoop.Warmup.of(warmup)
                  : ClosedLoop.Warmup.of(Duration.ofMillis(200));
          parts.get(i).add(ClosedLoop.run(ops.get(i), warm, window, McpBench::serverThread));
        }
      }
      return parts.stream().map(Throughput::combined).toList();
    } finally {
      open.forEach(sessionsOfOne -> sessionsOfOne.forEach(Surface.Session::close));
    }
  }
}
