package dev.aino.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ConflictException;
import dev.aino.model.Workload;
import dev.aino.store.FencedStateStore;
import dev.aino.store.FencedWriteException;
import dev.aino.store.StoreOptions;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.Fixtures;
import dev.aino.testing.etcd.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leader election among servers on one real etcd, and the fencing of the control plane's writes
 * by the leader's term.
 */
class EtcdLeaderElectionTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private static final Duration LEASE = Duration.ofSeconds(2);

  private final String namespace = ETCD.newNamespace();
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<String> changes = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private EtcdStateStore store() {
    EtcdStateStore store =
        new EtcdStateStore(
            EtcdConfig.of(ETCD.endpoint()).withNamespace(namespace), StoreOptions.defaults());
    opened.add(store);
    return store;
  }

  private EtcdLeaderElection candidate(String name, EtcdStateStore store) {
    EtcdLeaderElection election =
        new EtcdLeaderElection(
            store,
            name,
            LEASE,
            new EtcdLeaderElection.Listener() {
              @Override
              public void elected(long term) {
                changes.add(name + " elected");
              }

              @Override
              public void deposed(long term, String reason) {
                changes.add(name + " deposed: " + reason);
              }
            });
    opened.add(election);
    return election;
  }

  @Test
  void exactlyOneOfThreeLeadsAndEveryOneNamesIt() {
    List<EtcdLeaderElection> servers =
        List.of(
            candidate("a", store()).start(),
            candidate("b", store()).start(),
            candidate("c", store()).start());
    Await.until(
        "every server to name one leader",
        () ->
            servers.stream().filter(EtcdLeaderElection::isLeader).count() == 1
                && servers.stream().allMatch(s -> s.leaderName().isPresent()));
    EtcdLeaderElection leader =
        servers.stream().filter(EtcdLeaderElection::isLeader).findFirst().orElseThrow();
    for (EtcdLeaderElection s : servers) {
      assertThat(s.leaderName()).contains(leader.leaderName().orElseThrow());
      assertThat(s.term().isPresent()).isEqualTo(s == leader);
    }
    // Well past several renewals, the leader still leads: nobody was elected twice.
    Await.until("two lease periods", Duration.ofSeconds(10), () -> changes.size() >= 1);
    sleep(LEASE.multipliedBy(2));
    assertThat(leader.isLeader()).isTrue();
    assertThat(changes).hasSize(1);
  }

  @Test
  void aResigningLeaderIsSucceededBeforeItsLeaseWouldExpire() {
    EtcdLeaderElection a = candidate("a", store()).start();
    Await.until("a to lead", a::isLeader);
    EtcdLeaderElection b = candidate("b", store()).start();
    Await.until("b to see a lead", () -> b.leaderName().equals(java.util.Optional.of("a")));

    long resigned = System.nanoTime();
    a.close();
    Await.until("b to lead", b::isLeader);
    Duration failover = Duration.ofNanos(System.nanoTime() - resigned);
    assertThat(failover).isLessThan(LEASE);
    // b leads before its listener has been told: wait for the report, then check the order.
    Await.until("b's election to be reported", () -> changes.size() >= 3);
    assertThat(changes)
        .containsExactly("a elected", "a deposed: the server is shutting down", "b elected");
  }

  @Test
  void aLeaderPausedPastItsLeaseCannotWriteOnceAnotherLeads() {
    EtcdStateStore aStore = store();
    // a's election is stepped by hand, so that a pause is simply: no step.
    EtcdLeaderElection a = candidate("a", aStore);
    a.step();
    assertThat(a.isLeader()).isTrue();
    long aTerm = a.term().orElseThrow();
    FencedStateStore aWrites = new FencedStateStore(aStore, a);
    Workload before = aWrites.create(Fixtures.workload("before"));
    assertThat(before.revision()).isGreaterThan(aTerm);
    assertThat(aWrites.lastWriteRevision()).isEqualTo(before.revision());

    EtcdStateStore bStore = store();
    EtcdLeaderElection b = candidate("b", bStore).start();
    Await.until("b to lead once a's lease expired", Duration.ofSeconds(10), b::isLeader);
    assertThat(b.term().orElseThrow()).isGreaterThan(aTerm);

    // a wakes up believing it still holds its term: etcd refuses what it writes.
    assertThat(a.term()).isEqualTo(OptionalLong.of(aTerm));
    assertThatThrownBy(() -> aWrites.create(Fixtures.workload("stale")))
        .isInstanceOf(FencedWriteException.class)
        .hasMessageContaining("term " + aTerm)
        .hasMessageContaining("another server leads");
    assertThatThrownBy(() -> aWrites.update(before.withSpec(before.spec().withReplicas(7))))
        .isInstanceOf(FencedWriteException.class);
    assertThat(aWrites.refusedWrites()).isEqualTo(2);
    assertThat(aWrites.staleTermWrites()).as("refused by etcd, not by a itself").isEqualTo(2);
    assertThat(aWrites.lastWriteRevision())
        .as("a's last accepted write, before b's term began")
        .isEqualTo(before.revision())
        .isLessThan(b.term().orElseThrow());
    assertThat(bStore.workload("stale")).isEmpty();
    assertThat(bStore.workload("before")).contains(before);

    // The new leader writes; a lost compare-and-swap is still an ordinary conflict.
    FencedStateStore bWrites = new FencedStateStore(bStore, b);
    Workload changed = bWrites.update(before.withSpec(before.spec().withReplicas(3)));
    assertThat(changed.spec().replicas()).isEqualTo(3);
    assertThatThrownBy(() -> bWrites.update(before.withSpec(before.spec().withReplicas(4))))
        .isInstanceOf(ConflictException.class);
    assertThat(bWrites.refusedWrites()).isZero();
    assertThat(bWrites.lastWriteRevision()).isEqualTo(changed.revision());

    // a's own stepping finds its lease gone and lets go.
    a.step();
    assertThat(a.term()).isEmpty();
    assertThat(a.leaderName()).contains("b");
  }

  @Test
  void aServerThatDoesNotLeadIsRefusedBeforeReachingEtcd() {
    EtcdStateStore aStore = store();
    EtcdLeaderElection a = candidate("a", aStore).start();
    Await.until("a to lead", a::isLeader);
    EtcdStateStore bStore = store();
    EtcdLeaderElection b = candidate("b", bStore).start();
    Await.until("b to see a lead", () -> b.leaderName().isPresent());
    FencedStateStore bWrites = new FencedStateStore(bStore, b);
    assertThatThrownBy(() -> bWrites.create(Fixtures.workload("nope")))
        .isInstanceOf(FencedWriteException.class)
        .hasMessageContaining("not the leader");
    assertThat(aStore.workload("nope")).isEmpty();
    assertThat(bWrites.refusedWrites()).isEqualTo(1);
    assertThat(bWrites.staleTermWrites()).as("refused before reaching etcd").isZero();
    assertThat(bWrites.lastWriteRevision()).isZero();
  }

  @Test
  void aSingleServerStoreCannotBeFenced() {
    try (InMemoryStateStore memory = new InMemoryStateStore(StoreOptions.defaults())) {
      FencedStateStore view =
          new FencedStateStore(
              memory,
              new dev.aino.store.FencingToken() {
                @Override
                public String key() {
                  return EtcdLeaderElection.KEY;
                }

                @Override
                public OptionalLong term() {
                  return OptionalLong.of(1);
                }
              });
      assertThatThrownBy(() -> view.create(Fixtures.workload("web")))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("memory store cannot fence");
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
