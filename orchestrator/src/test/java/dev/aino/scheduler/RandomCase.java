package dev.aino.scheduler;

import static dev.aino.scheduler.SchedulerFixtures.running;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Placement;
import dev.aino.model.PlacementStrategy;
import dev.aino.model.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A random cluster and request batch drawn from one seed: node sizes, labels, statuses and cordons
 * vary; pre-existing instances may over-commit a node or sit on an unknown one; workloads carry
 * random selectors, strategies and sizes, some too big for any node.
 */
final class RandomCase {
  private static final String[] ZONES = {"a", "b", "c"};
  private static final String[] DISKS = {"ssd", "hdd"};

  final long seed;
  final List<Node> nodes = new ArrayList<>();
  final List<Instance> instances = new ArrayList<>();
  final List<PlacementRequest> requests = new ArrayList<>();
  final SchedulerConfig config;

  RandomCase(long seed) {
    this.seed = seed;
    Random random = new Random(seed);
    int nodeCount = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(40);
    for (int i = 0; i < nodeCount; i++) {
      nodes.add(randomNode(random, "n" + i));
    }
    int existing = nodeCount == 0 ? 0 : random.nextInt(nodeCount * 4 + 1);
    for (int i = 0; i < existing; i++) {
      instances.add(randomInstance(random, "old" + random.nextInt(5) + "-" + i, nodeCount));
    }
    int workloads = 1 + random.nextInt(8);
    List<Resources> sizes = new ArrayList<>();
    List<Placement> placements = new ArrayList<>();
    for (int w = 0; w < workloads; w++) {
      sizes.add(randomSize(random));
      placements.add(randomPlacement(random));
    }
    int batch = random.nextInt(150);
    for (int i = 0; i < batch; i++) {
      int w = random.nextInt(workloads);
      // Mostly one shape per workload (the reconciler's case), sometimes an odd size.
      Resources size = random.nextInt(8) == 0 ? randomSize(random) : sizes.get(w);
      requests.add(new PlacementRequest("w" + w + "-" + i, "w" + w, size, placements.get(w)));
    }
    CandidateLimit limit =
        switch (random.nextInt(4)) {
          case 0 -> CandidateLimit.allNodes();
          case 1 -> CandidateLimit.fixed(1 + random.nextInt(5));
          default -> CandidateLimit.DEFAULT;
        };
    config = new SchedulerConfig(random.nextLong(), limit, random.nextInt(5));
  }

  Node nodeNamed(String name) {
    for (Node node : nodes) {
      if (node.name().equals(name)) {
        return node;
      }
    }
    throw new AssertionError(this + ": no node " + name);
  }

  PlacementRequest requestOf(String instanceId) {
    for (PlacementRequest request : requests) {
      if (request.instanceId().equals(instanceId)) {
        return request;
      }
    }
    throw new AssertionError(this + ": no request " + instanceId);
  }

  ClusterSnapshot snapshot() {
    return ClusterSnapshot.of(nodes, instances);
  }

  @Override
  public String toString() {
    return "seed " + seed;
  }

  private static Node randomNode(Random random, String name) {
    Map<String, String> labels = new HashMap<>();
    if (random.nextBoolean()) {
      labels.put("zone", ZONES[random.nextInt(ZONES.length)]);
    }
    if (random.nextBoolean()) {
      labels.put("disk", DISKS[random.nextInt(DISKS.length)]);
    }
    int roll = random.nextInt(10);
    NodeStatus status =
        roll == 0 ? NodeStatus.DOWN : roll == 1 ? NodeStatus.SUSPECT : NodeStatus.READY;
    Resources capacity =
        Resources.of(500 + random.nextInt(32) * 500, 512 + random.nextInt(64) * 512);
    Resources allocatable =
        Resources.of(
            capacity.cpuMillis() - random.nextInt(2) * 250,
            capacity.memoryMiB() - random.nextInt(2) * 256);
    return new Node(
        name,
        "",
        labels,
        capacity,
        allocatable,
        status,
        random.nextInt(7) > 0,
        null,
        null,
        null,
        0);
  }

  private static Instance randomInstance(Random random, String id, int nodeCount) {
    int roll = random.nextInt(20);
    String node = roll == 0 ? "elsewhere" : "n" + random.nextInt(nodeCount);
    Instance instance =
        running(id, node, 50 + random.nextInt(20) * 100L, 64 + random.nextInt(40) * 128L);
    if (roll == 1) {
      return instance.toBuilder().phase(InstancePhase.FAILED).build();
    }
    if (roll == 2) {
      return instance.toBuilder().node(null).phase(InstancePhase.PENDING).build();
    }
    return instance;
  }

  private static Resources randomSize(Random random) {
    if (random.nextInt(12) == 0) {
      return Resources.of(20_000, 100_000); // fits no node
    }
    return Resources.of(50 + random.nextInt(20) * 100L, 64 + random.nextInt(24) * 128L);
  }

  private static Placement randomPlacement(Random random) {
    Map<String, String> selector = new HashMap<>();
    if (random.nextInt(3) == 0) {
      selector.put("zone", ZONES[random.nextInt(ZONES.length)]);
    }
    if (random.nextInt(4) == 0) {
      selector.put("disk", DISKS[random.nextInt(DISKS.length)]);
    }
    PlacementStrategy strategy =
        random.nextBoolean() ? PlacementStrategy.BINPACK : PlacementStrategy.SPREAD;
    return new Placement(selector, strategy);
  }
}
