package dev.aino.scheduler;

import static dev.aino.scheduler.SchedulerFixtures.node;
import static dev.aino.scheduler.SchedulerFixtures.request;
import static dev.aino.scheduler.SchedulerFixtures.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.NotFoundException;
import dev.aino.error.ValidationException;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.Resources;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
  private final List<Node> nodes = List.of(node("b", 4000, 8192), node("a", 2000, 4096));

  @Test
  void chargesOnlyInstancesThatHoldResourcesOnKnownNodes() {
    ClusterSnapshot snapshot =
        ClusterSnapshot.of(
            nodes,
            List.of(
                running("web-1", "a", 500, 1000),
                running("web-2", "a", 250, 100),
                running("web-3", "b", 1000, 2000).toBuilder()
                    .phase(InstancePhase.TERMINATED)
                    .build(),
                running("web-4", "gone", 1000, 2000),
                running("web-5", "b", 1, 1).toBuilder().node(null).build()));

    assertThat(snapshot.nodeCount()).isEqualTo(2);
    assertThat(snapshot.nodes()).extracting(Node::name).containsExactly("a", "b");
    assertThat(snapshot.allocated("a")).isEqualTo(Resources.of(750, 1100));
    assertThat(snapshot.free("a")).isEqualTo(Resources.of(1250, 2996));
    assertThat(snapshot.allocated("b")).isEqualTo(Resources.ZERO);
    assertThat(snapshot.replicasOn("web", "a")).isEqualTo(2);
    assertThat(snapshot.replicasOn("web", "b")).isZero();
    assertThat(snapshot.mostReplicasOnOneNode("web")).isEqualTo(2);
  }

  @Test
  void freeIsFlooredAtZeroWhenANodeIsOverCommitted() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, List.of(running("web-1", "a", 3000, 100)));
    assertThat(snapshot.free("a")).isEqualTo(Resources.of(0, 3996));
    assertThat(snapshot.nodeAt(0).freeCpuMillis()).isEqualTo(-1000);
  }

  @Test
  void assignChargesTheNodeAndCopiesAreIndependent() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, List.of());
    snapshot.assign(request("web-1", 500, 512), "b");
    ClusterSnapshot copy = snapshot.copy();
    copy.assign(request("web-2", 500, 512), "b");

    assertThat(snapshot.allocated("b")).isEqualTo(Resources.of(500, 512));
    assertThat(snapshot.replicasOn("web", "b")).isEqualTo(1);
    assertThat(snapshot.mostReplicasOnOneNode("web")).isEqualTo(1);
    assertThat(copy.allocated("b")).isEqualTo(Resources.of(1000, 1024));
    assertThat(copy.replicasOn("web", "b")).isEqualTo(2);
    assertThat(copy.mostReplicasOnOneNode("web")).isEqualTo(2);
  }

  @Test
  void unknownNodesAreNotFound() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(nodes, List.of());
    assertThatThrownBy(() -> snapshot.assign(request("web-1", 1, 1), "c"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("node \"c\" not found");
    assertThatThrownBy(() -> snapshot.free("c")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void refusesNullElements() {
    List<Instance> withNull = new ArrayList<>();
    withNull.add(running("web-1", "a", 1, 1));
    withNull.add(null);
    assertThatThrownBy(() -> ClusterSnapshot.of(nodes, withNull))
        .isInstanceOf(ValidationException.class)
        .hasMessage("instances[1]: is required");
  }

  @Test
  void refusesDuplicateNodeNames() {
    assertThatThrownBy(
            () -> ClusterSnapshot.of(List.of(node("a", 1, 1), node("a", 2, 2)), List.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessage("nodes: duplicate node name \"a\"");
  }
}
