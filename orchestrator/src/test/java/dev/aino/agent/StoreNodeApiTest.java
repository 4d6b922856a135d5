package dev.aino.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.PermissionDeniedException;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.ObjectRef;
import dev.aino.model.Resources;
import dev.aino.model.RuntimeInfo;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Fixtures;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node API on the store: a claim refreshes what the agent owns of its node and keeps what the
 * control plane owns, and a node cannot write, or record events about, another node's objects.
 */
class StoreNodeApiTest {
  private static final RuntimeInfo RUNTIME = new RuntimeInfo("simulated", "1", false);
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final Clock clock = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
  private final StoreNodeApi edge = StoreNodeApi.forRemoteAgent(store, "edge-1", clock);
  private final StoreNodeApi other = StoreNodeApi.forRemoteAgent(store, "edge-2", clock);

  @AfterEach
  void close() {
    store.close();
  }

  private static NodeClaim claim(String address, Map<String, String> labels) {
    return new NodeClaim(address, labels, Resources.of(2000, 1024), RUNTIME);
  }

  @Test
  void aClaimRefreshesTheAgentsFieldsAndKeepsTheControlPlanes() {
    assertThat(edge.register(claim("10.0.0.9:7071", Map.of("pool", "edge"))).created()).isTrue();
    Node stored = store.node("edge-1").orElseThrow();
    store.update(
        stored
            .withSchedulable(false)
            .withStatus(NodeStatus.SUSPECT)
            .withLabels(Map.of("pool", "edge", "rack", "r1")));

    var again = edge.register(claim("10.0.0.9:7072", Map.of("pool", "edge2")));

    assertThat(again.created()).isFalse();
    Node node = again.after();
    assertThat(node.address()).isEqualTo("10.0.0.9:7072");
    assertThat(node.labels()).containsEntry("pool", "edge2").containsEntry("rack", "r1");
    assertThat(node.schedulable()).isFalse();
    assertThat(node.status()).isEqualTo(NodeStatus.SUSPECT);
    assertThat(node.capacity()).isEqualTo(Resources.of(2000, 1024));
  }

  @Test
  void aNodeMayNotWriteAnotherNodesInstanceNorMoveOneToItself() {
    Instance placed =
        store.create(Fixtures.instance("web", "a1").toBuilder().node("edge-1").build());

    assertThatThrownBy(() -> other.updateInstance(placed.toBuilder().node("edge-2").build()))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("node edge-2 may not act on instance \"" + placed.id() + "\"")
        .hasMessageContaining("it is on node edge-1");
    assertThatThrownBy(() -> other.updateInstance(placed))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(other.instance(placed.id()).current()).isEmpty();
    assertThat(store.instance(placed.id()).orElseThrow().node()).isEqualTo("edge-1");

    Instance written = edge.updateInstance(placed.toBuilder().ready(true).build());
    assertThat(written.ready()).isTrue();
    assertThat(edge.instance(placed.id()).current()).contains(written);
  }

  @Test
  void aNodeRecordsEventsAboutItselfAndItsInstancesOnly() {
    Instance placed =
        store.create(Fixtures.instance("web", "a1").toBuilder().node("edge-1").build());

    assertThatThrownBy(
            () -> other.recordEvent(ObjectRef.node("edge-1"), EventType.NORMAL, "Hi", "hi"))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(
            () ->
                other.recordEvent(
                    ObjectRef.instance(placed.id()), EventType.WARNING, "Crashed", "no"))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(
            () -> other.recordEvent(ObjectRef.workload("web"), EventType.NORMAL, "Hi", "hi"))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(store.events()).isEmpty();

    edge.recordEvent(ObjectRef.instance(placed.id()), EventType.NORMAL, "Started", "ok");
    assertThat(store.events(ObjectRef.instance(placed.id()))).hasSize(1);
  }
}
