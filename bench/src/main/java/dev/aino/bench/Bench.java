package dev.aino.bench;

import dev.aino.bench.a2a.A2aBench;
import dev.aino.bench.intent.IntentBench;
import dev.aino.bench.mcp.McpBench;
import dev.aino.bench.runtime.NetworkBench;
import dev.aino.bench.runtime.RuntimeBench;
import dev.aino.bench.store.StoreBench;
import java.util.Arrays;

/**
 * Entry point of the benchmark jar: {@code java -jar bench/target/aino-bench.jar <name> [options]}.
 * Each benchmark prints its figures and, where it has one, the ratio to a baseline measured in the
 * same run.
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || Arrays.asList(args).contains("--help") || args[0].equals("-h")) {
      usage();
      return;
    }
    try {
      run(args[0], Arrays.copyOfRange(args, 1, args.length));
    } catch (Args.UsageException e) {
      System.err.println("aino-bench " + args[0] + ": " + e.getMessage() + " (see --help)");
      System.exit(2);
    }
  }

  private static void run(String benchmark, String[] rest) throws Exception {
    switch (benchmark) {
      case "a2a" -> A2aBench.main(rest);
      case "autoscale" -> AutoscaleBench.main(rest);
      case "c1m" -> C1mBench.main(rest);
      case "failover" -> FailoverBench.main(rest);
      case "console" -> {
        dev.aino.bench.console.ConsoleBench.main(rest);
        // aino up serves MCP too: the same SDK sweeper thread keeps the JVM alive (see mcp).
        System.exit(0);
      }
      case "intent" -> IntentBench.main(rest);
      case "mcp" -> {
        McpBench.main(rest);
        // The MCP SDK's Streamable HTTP transport sweeps idle sessions on a non-daemon thread
        // that closing the server does not stop (SDK 2.1.0), so the JVM would not end by itself.
        System.exit(0);
      }
      case "network" -> NetworkBench.main(rest);
      case "runtime" -> RuntimeBench.main(rest);
      case "scheduler" -> SchedulerBench.main(rest);
      case "store" -> StoreBench.main(rest);
      case "swim" -> SwimBench.main(rest);
      case "detection" -> DetectionBench.main(rest);
      default -> {
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.out.println(
        """
        usage: java -jar bench/target/aino-bench.jar <benchmark> [options]
          a2a        A2A SendMessage with a status intent (a completed task) beside REST's
                     GET /api/v1/workloads/{name}, same server, same run: calls/s, p50, p99
                     options: --clients 1,4 --warmup 3 --seconds 5
          autoscale  autoscaler reaction on the simulated runtime: load jumps from 30% to 90% of
                     the CPU request (target 60%); time to the Autoscaled decision and to the new
                     replicas running
                     options: --rounds 5 --stats-interval-ms 5000 --window-ms 30000
                              --interval-ms 15000 (aino up's settings)
          c1m        control loop: N simulated nodes, W workloads x R replicas placed end to end
                     options: --nodes 5000 --workloads 1000 --replicas 1000 --store memory|sqlite|etcd
                              [--data-dir DIR] [--etcd URL] [--metrics none|micrometer|both]
                              (both: a warm-up run, then alternating rounds, --rounds 2, and the ratio of the rates)
                              [--servers 1,3]: on etcd, that many servers (election, fenced
                              controller each) for each count in one run, placements/s side by side
                              [--apply-threads 4]: client threads applying the workloads
          failover   leader failover among 3 candidates on etcd: kill (lease expiry) and clean
                     stop (resign), time to the next leader
                     options: --rounds 5 --lease-seconds 5 [--etcd URL]
          console    the console's budgets: first-load bytes (gzip) and the workloads page's
                     server time with many workloads, p50/p95
                     options: --workloads 1000 --requests 200 --warmup 50
          intent     offline intent engine: p50/p99 per action (read and plan, dry run) on one
                     thread, model load time, heap and resident memory it adds
                     options: --iterations 200 --warmup 50 --workloads 100
          mcp        MCP tool calls (list_instances, get_workload, cluster_status, ...) over
                     Streamable HTTP on a cluster of simulated nodes, beside REST (parsing its
                     bodies), /mcp without the SDK's client and the facade in-process, in
                     windows that take turns; p50/p99, CPU and server CPU per call
                     options: --instances 10000 --workloads 100 --nodes 20 --sessions 1,8
                              --warmup 2 --seconds 3 --rounds 3 --operations LABEL,...
          network    one container start at a time with real runc and the CNI plugins (as
                     root): Scheduled->Running with bridge networking and with host
                     networking beside bare runc run -d, alternating; p50/p99, the network
                     attach (netns + CNI ADD) and detach alone, ratios to bare runc
                     options: --starts 50 --warmup 10
          runtime    container starts with real runc (as root): Scheduled->Running through store,
                     controller and node agent, starts/s 1, 4 and 16 at once, beside bare
                     runc run -d; cold pull to running from a loopback docker-registry
                     options: --instances 100 --warmup-rounds 20 (untimed, at 1, 4 and 16)
                              --parallel-starts N (aino's limit; default twice the CPUs)
          scheduler  scheduler only: placements/s on a snapshot of N nodes
                     options: --nodes 5000 --instances 1000000
          swim       SWIM gossip group of N members in one JVM: time until all see all, and from
                     a member's crash until all see it dead
                     options: --members 50 --rounds 3 --wave 1 (members joining at once,
                              each wave settled before the next) --seeds 1 (settled members a
                              newcomer joins through) --ping-interval-ms 400
                              --ping-timeout-ms 300 (aino up's)
          detection  node loss with 3 aino up processes on a real etcd (simulated runtime):
                     kill -9 of a non-leader to its node DOWN and to every replica Running
                     elsewhere, with SWIM gossip and with the heartbeat alone, in one run
                     options: --replicas 12 --rounds 1 --jar server/target/aino.jar (an etcd per round)
          store      state store: conditional and batched writes, lists, watch delivery, per
                     backend, beside the bare client (jetcd, JDBC) where there is one, in
                     alternating rounds
                     options: --backend memory|sqlite|etcd|all --threads 8 --seconds 2 --rounds 3
                              [--etcd URL] [--data-dir DIR] [--check-perf true|false]
        """);
  }
}
