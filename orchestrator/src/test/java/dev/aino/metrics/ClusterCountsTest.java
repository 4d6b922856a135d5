package dev.aino.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.WorkloadState;
import dev.aino.testing.Fixtures;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClusterCountsTest {
  private final Map<String, WorkloadState> states = new HashMap<>();
  private final AtomicInteger derivations = new AtomicInteger();
  private final ClusterCounts counts =
      new ClusterCounts(
          name -> {
            derivations.incrementAndGet();
            return Optional.ofNullable(states.get(name));
          });

  @Test
  void instancesMoveBetweenPhasesAndLeaveWhenDeleted() {
    Instance pending = Fixtures.instance("web", "a");
    counts.instanceChanged(null, pending);
    Instance running = pending.toBuilder().phase(InstancePhase.RUNNING).build();
    counts.instanceChanged(pending, running);
    counts.instanceChanged(null, Fixtures.instance("web", "b"));
    assertThat(counts.instances(InstancePhase.PENDING)).isEqualTo(1);
    assertThat(counts.instances(InstancePhase.RUNNING)).isEqualTo(1);

    counts.instanceChanged(running, running); // a write that keeps the phase
    assertThat(counts.instances(InstancePhase.RUNNING)).isEqualTo(1);
    counts.instanceChanged(running, null);
    assertThat(counts.instances(InstancePhase.RUNNING)).isZero();
    assertThat(counts.instances(InstancePhase.PENDING)).isEqualTo(1);
  }

  @Test
  void nodesAreCountedByStatus() {
    Node a = Fixtures.node("a");
    counts.nodeChanged(null, a);
    counts.nodeChanged(null, Fixtures.node("b"));
    counts.nodeChanged(a, a.withStatus(NodeStatus.DOWN));
    assertThat(counts.nodes(NodeStatus.READY)).isEqualTo(1);
    assertThat(counts.nodes(NodeStatus.DOWN)).isEqualTo(1);
    counts.nodeChanged(a.withStatus(NodeStatus.DOWN), null);
    assertThat(counts.nodes(NodeStatus.DOWN)).isZero();
  }

  @Test
  void aWorkloadStateIsDerivedOncePerReadAfterItChangedAndForgottenWhenItIsGone() {
    states.put("web", WorkloadState.PROGRESSING);
    counts.workloadChanged("web");
    Instance i = Fixtures.instance("web", "a");
    counts.instanceChanged(null, i);
    counts.instanceChanged(i, i.toBuilder().phase(InstancePhase.RUNNING).build());
    assertThat(counts.workloads(WorkloadState.PROGRESSING)).isEqualTo(1);
    assertThat(derivations).as("three changes, one derivation").hasValue(1);
    assertThat(counts.workloads(WorkloadState.HEALTHY)).isZero();
    assertThat(derivations).as("nothing changed since").hasValue(1);

    states.put("web", WorkloadState.HEALTHY);
    counts.instanceChanged(i, i.toBuilder().phase(InstancePhase.RUNNING).build());
    assertThat(counts.workloads(WorkloadState.HEALTHY)).isEqualTo(1);
    assertThat(counts.workloads(WorkloadState.PROGRESSING)).isZero();

    states.remove("web");
    counts.workloadChanged("web");
    assertThat(counts.workloads(WorkloadState.HEALTHY)).isZero();
  }
}
