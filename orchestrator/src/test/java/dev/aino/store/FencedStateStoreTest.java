package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ErrorCode;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.CountingMetrics;
import dev.aino.testing.Fixtures;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fenced view on the memory backend: writes without a term are refused before they reach the
 * store, a term cannot be checked by a backend without a leader, and everything else passes
 * through. The fence itself, on etcd, is {@code EtcdLeaderElectionTest}'s.
 */
class FencedStateStoreTest {
  private final InMemoryStateStore store = new InMemoryStateStore();

  @AfterEach
  void close() {
    store.close();
  }

  private static FencingToken token(OptionalLong term) {
    return Fixtures.fencingToken("leader", () -> term);
  }

  @Test
  void aProcessThatDoesNotLeadWritesNothing() {
    FencedStateStore fenced = new FencedStateStore(store, token(OptionalLong.empty()));
    Workload stored = store.create(Fixtures.workload("web"));
    Workload fresh = Fixtures.workload("api");

    List<Runnable> writes =
        List.of(
            () -> fenced.create(fresh),
            () -> fenced.update(stored.withSpec(Fixtures.spec(3))),
            () -> fenced.put(fresh),
            () -> fenced.delete(ObjectKind.WORKLOADS, "web", stored.revision()),
            () -> fenced.commit(List.of(WriteOp.create(fresh))));
    for (Runnable write : writes) {
      assertThatThrownBy(write::run)
          .isInstanceOfSatisfying(
              FencedWriteException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION))
          .hasMessage("this server is not the leader, so it does not write as the control plane");
    }
    assertThat(fenced.refusedWrites()).isEqualTo(5);
    assertThat(fenced.staleTermWrites()).as("none reached the store").isZero();
    assertThat(fenced.lastWriteRevision()).isZero();
    assertThat(store.workloads()).containsExactly(stored);
  }

  @Test
  void aBackendWithoutALeaderCannotCheckATerm() {
    FencedStateStore fenced = new FencedStateStore(store, token(OptionalLong.of(3)));
    assertThatThrownBy(() -> fenced.create(Fixtures.workload("web")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage("memory store cannot fence its writes");
    assertThat(fenced.refusedWrites()).isZero();
    assertThat(store.workloads()).isEmpty();
  }

  @Test
  void readsWatchesAndEventsPassThrough() {
    FencedStateStore fenced = new FencedStateStore(store, token(OptionalLong.empty()));
    CountingMetrics metrics = new CountingMetrics();
    fenced.reportTo(metrics);
    List<WatchEvent<Workload>> seen = new CopyOnWriteArrayList<>();
    Watch watch = fenced.watch(ObjectKind.WORKLOADS, 0, seen::add);
    List<Instance> placed = new CopyOnWriteArrayList<>();
    Watch nodeWatch =
        fenced.watchNodeInstances(
            "node-a",
            0,
            e -> {
              if (e instanceof WatchEvent.Put<Instance> p) {
                placed.add(p.object());
              }
            });

    Workload web = store.create(Fixtures.workload("web"));
    Instance instance =
        store.create(Fixtures.instance("web", "a1").toBuilder().node("node-a").build());

    assertThat(fenced.backend()).isEqualTo("memory");
    assertThat(fenced.revision()).isEqualTo(store.revision()).isEqualTo(instance.revision());
    assertThat(fenced.get(ObjectKind.WORKLOADS, "web")).contains(web);
    assertThat(fenced.list(ObjectKind.WORKLOADS).items()).containsExactly(web);
    assertThat(fenced.list(ObjectKind.INSTANCES, "web/").items()).containsExactly(instance);
    assertThat(fenced.list(ObjectKind.INSTANCES, "api/").items()).isEmpty();
    assertThat(fenced.listNodeInstances("node-a").items()).containsExactly(instance);
    assertThat(metrics.count("store memory get")).isPositive();

    Await.until("the watch sees the workload", () -> !seen.isEmpty());
    assertThat(seen.get(0)).isEqualTo(new WatchEvent.Put<>(web, web.revision()));
    Await.until("the node's watch sees its instance", () -> !placed.isEmpty());
    assertThat(placed).containsExactly(instance);
    watch.close();
    nodeWatch.close();

    // Events are recorded unfenced: a stale leader may still say why it stopped.
    Event stopped =
        fenced.recordEvent(ObjectRef.workload("web"), EventType.NORMAL, "Stopped", "lost the lead");
    assertThat(stopped.message()).isEqualTo("lost the lead");
    assertThat(fenced.events(ObjectRef.workload("web"))).containsExactly(stopped);
    assertThat(fenced.events()).isEqualTo(store.events());

    // The view does not own the store.
    fenced.close();
    assertThat(store.workload("web")).contains(web);
  }
}
