package dev.aino.scheduler;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Placement;
import dev.aino.model.PlacementStrategy;
import dev.aino.model.Resources;
import dev.aino.model.Workload;
import dev.aino.testing.Fixtures;
import java.util.List;
import java.util.Map;

/** Small builders for scheduler tests. */
final class SchedulerFixtures {
  static final Placement SPREAD = new Placement(Map.of(), PlacementStrategy.SPREAD);

  private SchedulerFixtures() {}

  static Node node(String name, long cpuMillis, long memoryMiB) {
    return Node.of(name, Resources.of(cpuMillis, memoryMiB));
  }

  static Node node(
      String name,
      long cpuMillis,
      long memoryMiB,
      Map<String, String> labels,
      NodeStatus status,
      boolean schedulable) {
    Resources size = Resources.of(cpuMillis, memoryMiB);
    return new Node(name, "", labels, size, size, status, schedulable, null, null, null, 0);
  }

  /** A running instance of {@code workload} on {@code node} that requests the given resources. */
  static Instance running(String id, String node, long cpuMillis, long memoryMiB) {
    String workload = Instance.workloadOf(id);
    Workload owner =
        Workload.create(
            workload,
            Fixtures.spec(1).toBuilder().resources(cpuMillis, memoryMiB).build(),
            Fixtures.T0);
    return Instance.pending(owner, id.substring(workload.length() + 1), Fixtures.T0).toBuilder()
        .node(node)
        .phase(InstancePhase.RUNNING)
        .build();
  }

  static PlacementRequest request(String id, long cpuMillis, long memoryMiB) {
    return request(id, cpuMillis, memoryMiB, Placement.DEFAULT);
  }

  static PlacementRequest request(String id, long cpuMillis, long memoryMiB, Placement placement) {
    return new PlacementRequest(
        id, Instance.workloadOf(id), Resources.of(cpuMillis, memoryMiB), placement);
  }

  /** A node view over a one-node snapshot with {@code allocated} already charged. */
  static NodeView view(Node node, long allocatedCpu, long allocatedMemory) {
    ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(node), List.of());
    if (allocatedCpu > 0 || allocatedMemory > 0) {
      snapshot.charge(0, "filler", Resources.of(allocatedCpu, allocatedMemory));
    }
    return snapshot.nodeAt(0);
  }
}
