package dev.aino.bench;

import dev.aino.model.Node;
import dev.aino.model.Placement;
import dev.aino.model.Resources;
import dev.aino.scheduler.ClusterSnapshot;
import dev.aino.scheduler.PlacementRequest;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.scheduler.SchedulingResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Scheduler alone: places {@code --instances} requests of 1,000 workloads on {@code --nodes} empty
 * nodes in one pass, after a warm-up pass on a tenth of the size. Target: 50,000 placements/s.
 */
final class SchedulerBench {
  private SchedulerBench() {}

  public static void main(String[] argv) {
    Args args = new Args(argv, List.of("instances", "nodes"));
    int nodes = args.integer("nodes", 5000);
    int instances = args.integer("instances", 1_000_000);
    run(nodes / 10 + 1, instances / 10, false);
    run(nodes, instances, true);
  }

  private static void run(int nodeCount, int instanceCount, boolean report) {
    List<Node> nodes = new ArrayList<>(nodeCount);
    for (int n = 0; n < nodeCount; n++) {
      nodes.add(Node.of("node-" + n, Resources.of(32_000, 65_536)));
    }
    List<PlacementRequest> requests = new ArrayList<>(instanceCount);
    for (int i = 0; i < instanceCount; i++) {
      String workload = "w" + (i % 1000);
      requests.add(
          new PlacementRequest(
              workload + "-" + Integer.toString(i, 36),
              workload,
              Resources.of(100, 128),
              Placement.DEFAULT));
    }
    ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, List.of());
    Scheduler scheduler = new Scheduler(SchedulerConfig.defaults().withSeed(42));
    long t0 = System.nanoTime();
    SchedulingResult result = scheduler.schedule(snapshot, requests);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (report) {
      System.out.printf(
          "scheduler: %d nodes, %d requests: %d placed, %d unplaced in %.2f s = %.0f placements/s%n",
          nodeCount,
          instanceCount,
          result.placed().size(),
          result.unplaced().size(),
          seconds,
          result.placed().size() / seconds);
    }
  }
}
