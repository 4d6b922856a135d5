package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ConflictException;
import dev.aino.model.Instance;
import dev.aino.model.Workload;
import dev.aino.store.etcd.EtcdConfig;
import dev.aino.store.etcd.EtcdStateStore;
import dev.aino.store.spi.KvOp;
import dev.aino.testing.Fixtures;
import dev.aino.testing.etcd.EtcdExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fenced view over the one backend that can check a term, a real etcd: what it counts and
 * returns when the term holds and when the store refuses it. The term here is the create revision
 * of a key this test writes and replaces, as the leader election does with its own key ({@code
 * EtcdLeaderElectionTest} runs the election itself).
 */
class FencedStateStoreOnEtcdTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private static final String LEADER_KEY = "control-plane/test-leader";

  private EtcdStateStore store;
  private final AtomicLong term = new AtomicLong();
  private final FencingToken token =
      Fixtures.fencingToken(LEADER_KEY, () -> OptionalLong.of(term.get()));

  @BeforeEach
  void open() throws Exception {
    store =
        new EtcdStateStore(
            EtcdConfig.of(ETCD.endpoint()).withNamespace(ETCD.newNamespace()),
            StoreOptions.defaults());
    term.set(winTerm(KvOp.ABSENT));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Creates the leader key afresh, as a newly elected leader does; its create revision. */
  private long winTerm(long expected) throws Exception {
    byte[] name = "test".getBytes(StandardCharsets.UTF_8);
    if (expected != KvOp.ABSENT) {
      ((KvStateStore) store).kvCommit(List.of(new KvOp(LEADER_KEY, null, KvOp.PRESENT, null)));
    }
    return ((KvStateStore) store).kvCommit(List.of(new KvOp(LEADER_KEY, name, KvOp.ABSENT, null)));
  }

  @Test
  void writesOfTheLeadersTermLandAndReturnTheirRevision() {
    FencedStateStore fenced = new FencedStateStore(store, token);

    Workload web = fenced.create(Fixtures.workload("web"));
    assertThat(web.revision()).isGreaterThan(term.get());
    assertThat(store.workload("web")).contains(web);
    assertThat(fenced.lastWriteRevision()).isEqualTo(web.revision());

    Workload scaled = fenced.update(web.withSpec(Fixtures.spec(3)));
    assertThat(scaled.revision()).isGreaterThan(web.revision());
    assertThat(store.workload("web")).contains(scaled);

    Instance put = fenced.put(Fixtures.instance("web", "a"));
    assertThat(store.instance("web-a")).contains(put);

    long batch =
        fenced.commit(
            List.of(
                new WriteOp.Delete(ObjectKind.INSTANCES, "web/web-a", put.revision()),
                WriteOp.create(Fixtures.workload("api"))));
    assertThat(store.instance("web-a")).isEmpty();
    assertThat(store.workload("api").orElseThrow().revision()).isEqualTo(batch);

    fenced.delete(ObjectKind.WORKLOADS, "api", batch);
    assertThat(store.workload("api")).isEmpty();
    assertThat(fenced.lastWriteRevision()).isEqualTo(store.revision());
    assertThat(fenced.refusedWrites()).isZero();
    assertThat(fenced.staleTermWrites()).isZero();

    // A lost compare-and-swap of the leader is an ordinary conflict, not a refused term.
    assertThatThrownBy(() -> fenced.update(web.withSpec(Fixtures.spec(4))))
        .isInstanceOf(ConflictException.class);
    assertThat(fenced.refusedWrites()).isZero();
  }

  @Test
  void aTermAnotherLeaderReplacedIsRefusedByTheStoreAndCounted() throws Exception {
    FencedStateStore fenced = new FencedStateStore(store, token);
    Workload web = fenced.create(Fixtures.workload("web"));
    long oldTerm = term.get();
    long newTerm = winTerm(oldTerm); // another server won: this process still holds the old one

    assertThatThrownBy(() -> fenced.update(web.withSpec(Fixtures.spec(2))))
        .isInstanceOf(FencedWriteException.class)
        .hasMessage(
            "the write of term "
                + oldTerm
                + " was refused: another server leads since revision "
                + newTerm);
    assertThatThrownBy(() -> fenced.create(Fixtures.workload("api")))
        .isInstanceOf(FencedWriteException.class);
    assertThat(fenced.refusedWrites()).isEqualTo(2);
    assertThat(fenced.staleTermWrites()).isEqualTo(2);
    assertThat(fenced.lastWriteRevision())
        .as("the last write that landed, before the new term")
        .isEqualTo(web.revision())
        .isLessThan(newTerm);
    assertThat(store.workloads()).containsExactly(web);

    // The process learns the new term (it won again): its writes land again.
    term.set(newTerm);
    Workload scaled = fenced.update(web.withSpec(Fixtures.spec(2)));
    assertThat(fenced.lastWriteRevision()).isEqualTo(scaled.revision());
    assertThat(fenced.refusedWrites()).isEqualTo(2);
  }
}
