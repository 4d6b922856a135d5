package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTest {
  private static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");
  private static final RuntimeInfo RUNTIME = new RuntimeInfo("runc", "1.2", true, true);
  private static final Node NODE =
      new Node(
          "node-a",
          "10.0.0.1",
          Map.of("zone", "a"),
          Resources.of(4000, 8192),
          Resources.of(3000, 4096),
          NodeStatus.SUSPECT,
          false,
          RUNTIME,
          REGISTERED.plusSeconds(5),
          REGISTERED,
          42);

  /** NODE with one field replaced: the withers must change that field and keep every other. */
  private static Node node(
      Map<String, String> labels,
      NodeStatus status,
      boolean schedulable,
      RuntimeInfo runtime,
      Instant heartbeat,
      long revision) {
    return new Node(
        "node-a",
        "10.0.0.1",
        labels,
        Resources.of(4000, 8192),
        Resources.of(3000, 4096),
        status,
        schedulable,
        runtime,
        heartbeat,
        REGISTERED,
        revision);
  }

  @Test
  void eachWitherChangesItsFieldOnly() {
    Instant hb = NODE.lastHeartbeat();
    Map<String, String> labels = NODE.labels();
    assertThat(NODE.withRevision(7))
        .isEqualTo(node(labels, NodeStatus.SUSPECT, false, RUNTIME, hb, 7));
    assertThat(NODE.withStatus(NodeStatus.DOWN))
        .isEqualTo(node(labels, NodeStatus.DOWN, false, RUNTIME, hb, 42));
    assertThat(NODE.withSchedulable(true))
        .isEqualTo(node(labels, NodeStatus.SUSPECT, true, RUNTIME, hb, 42));
    assertThat(NODE.withLabels(Map.of("zone", "b")))
        .isEqualTo(node(Map.of("zone", "b"), NodeStatus.SUSPECT, false, RUNTIME, hb, 42));
    RuntimeInfo other = new RuntimeInfo("simulated", "1", false, false);
    Instant later = hb.plusSeconds(1);
    assertThat(NODE.withHeartbeat(later, other))
        .isEqualTo(node(labels, NodeStatus.SUSPECT, false, other, later, 42));
    assertThat(NODE.storeKey()).isEqualTo("node-a");
  }

  @Test
  void onlyAReadySchedulableNodeAcceptsWork() {
    Node ready = Node.of("node-a", Resources.of(1000, 1024));
    assertThat(ready.acceptsWork()).isTrue();
    assertThat(ready.withSchedulable(false).acceptsWork()).isFalse();
    assertThat(ready.withStatus(NodeStatus.SUSPECT).acceptsWork()).isFalse();
    assertThat(ready.withStatus(NodeStatus.DOWN).acceptsWork()).isFalse();
  }

  @Test
  void unsetFieldsTakeTheirDefaults() {
    Resources capacity = Resources.of(1000, 1024);
    Node node = new Node("node-a", null, null, capacity, null, null, true, null, null, null, 0);
    assertThat(node.address()).isEmpty();
    assertThat(node.labels()).isEmpty();
    assertThat(node.allocatable()).isEqualTo(capacity);
    assertThat(node.status()).isEqualTo(NodeStatus.READY);
    assertThat(Node.of("node-a", capacity))
        .isEqualTo(node.withSchedulable(true))
        .satisfies(n -> assertThat(n.revision()).isZero());
  }

  @Test
  void allocatableMayEqualButNotExceedCapacity() {
    Resources capacity = Resources.of(1000, 1024);
    assertThat(
            new Node("n", "", Map.of(), capacity, capacity, null, true, null, null, null, 0)
                .allocatable())
        .isEqualTo(capacity);
    assertThatThrownBy(
            () ->
                new Node(
                    "n",
                    "",
                    Map.of(),
                    capacity,
                    Resources.of(1000, 1025),
                    null,
                    true,
                    null,
                    null,
                    null,
                    0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("allocatable"))
        .hasMessageContaining("must not exceed capacity");
  }

  @Test
  void anUpdateStrategyKeepsItsBounds() {
    assertThat(new UpdateStrategy(0, 1)).isEqualTo(new UpdateStrategy(0, 1));
    assertThat(new UpdateStrategy(1, 0).maxSurge()).isEqualTo(1);
    assertThat(UpdateStrategy.DEFAULT).isEqualTo(new UpdateStrategy(1, 0));
    assertThatThrownBy(() -> new UpdateStrategy(-1, 1))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("maxSurge"));
    assertThatThrownBy(() -> new UpdateStrategy(1, -1))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("maxUnavailable"));
  }

  @Test
  void aPortInUseReadsBackAsOne() {
    assertThat(Rejections.portInUse(Protocol.TCP, 8080)).isEqualTo("port 8080 in use");
    assertThat(Rejections.portInUse(Protocol.UDP, 53)).isEqualTo("port 53/udp in use");
    assertThat(Rejections.isPortInUse("port 53/udp in use")).isTrue();
    assertThat(Rejections.isPortInUse(null)).isFalse();
    assertThat(Rejections.isPortInUse("port 53 free")).isFalse();
    assertThat(Rejections.isPortInUse("the port 53 in use")).isFalse();
    assertThat(Rejections.isPortInUse(Rejections.INSUFFICIENT_CPU)).isFalse();
  }
}
