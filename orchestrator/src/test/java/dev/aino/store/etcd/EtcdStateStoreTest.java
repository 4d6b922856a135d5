package dev.aino.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationException;
import dev.aino.model.EventType;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.store.AbstractDurableStateStoreContractTest;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import dev.aino.store.WriteOp;
import dev.aino.testing.Fixtures;
import dev.aino.testing.etcd.EtcdExtension;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract against a real etcd, plus what only etcd does: keys, leases, txn limits. */
class EtcdStateStoreTest extends AbstractDurableStateStoreContractTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  /** A client of the test's own, for what the store does not offer: compaction, raw reads. */
  private static Client admin;

  private String namespace;

  @BeforeAll
  static void connectAdmin() {
    admin = Client.builder().endpoints(ETCD.endpoint()).build();
  }

  @AfterAll
  static void closeAdmin() {
    admin.close();
  }

  @Override
  protected StateStore newStore() {
    namespace = ETCD.newNamespace();
    return open(configFor(namespace));
  }

  @Override
  protected StateStore reopen(StateStore store) {
    store.close();
    return open(configFor(namespace));
  }

  @Override
  protected void compactThrough(StateStore store, long revision) throws Exception {
    admin.getKVClient().compact(revision).get(10, TimeUnit.SECONDS);
  }

  private static EtcdConfig configFor(String namespace) {
    return EtcdConfig.of(ETCD.endpoint()).withNamespace(namespace);
  }

  private static EtcdStateStore open(EtcdConfig config) {
    return new EtcdStateStore(config, testOptions());
  }

  @Test
  void objectsLiveUnderTheNamespaceByKindAndKey() throws Exception {
    store.create(Fixtures.instance("web", "a"));
    List<KeyValue> raw = rawUnder(namespace);
    assertThat(raw)
        .extracting(kv -> kv.getKey().toString(StandardCharsets.UTF_8))
        .containsExactly(namespace + "instances/web/web-a");
    assertThat(store.backend()).isEqualTo("etcd");
  }

  @Test
  void eventsShareALeaseAndOtherObjectsHaveNone() throws Exception {
    store.put(Fixtures.node("n1"));
    store.recordEvent(ObjectRef.workload("web"), EventType.NORMAL, "Scaled", "scaled to 2");
    store.recordEvent(ObjectRef.workload("api"), EventType.NORMAL, "Scaled", "scaled to 3");

    List<KeyValue> events = rawUnder(namespace + "events/");
    assertThat(events).hasSize(2);
    assertThat(events.get(0).getLease()).isNotZero().isEqualTo(events.get(1).getLease());
    long ttl =
        admin
            .getLeaseClient()
            .timeToLive(events.get(0).getLease(), LeaseOption.DEFAULT)
            .get(10, TimeUnit.SECONDS)
            .getTTL();
    assertThat(ttl).isGreaterThanOrEqualTo(testOptions().eventTtl().toSeconds() - 5);
    assertThat(rawUnder(namespace + "nodes/"))
        .singleElement()
        .satisfies(kv -> assertThat(kv.getLease()).isZero());
  }

  @Test
  void aBatchBeyondEtcdsOperationLimitIsRefusedByName() {
    List<WriteOp> ops =
        IntStream.range(0, 200)
            .mapToObj(i -> (WriteOp) WriteOp.put(Fixtures.node("n" + i)))
            .toList();
    assertThatThrownBy(() -> store.commit(ops))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("ops")
        .hasMessageContaining("max-txn-ops");
    assertThat(store.nodes()).isEmpty();
  }

  @Test
  void twoWritesToOneKeyInABatchActInSequence() {
    Node n = store.create(Fixtures.node("n1"));
    long revision =
        store.commit(
            List.of(
                WriteOp.update(n.withSchedulable(false)), WriteOp.put(n.withSchedulable(true))));
    assertThat(store.node("n1").orElseThrow().schedulable()).isTrue();
    assertThat(store.node("n1").orElseThrow().revision()).isEqualTo(revision);
  }

  @Test
  void aWatcherFarBehindIsToldToRelistOnce() throws Exception {
    store.close();
    store =
        new EtcdStateStore(
            configFor(namespace),
            new StoreOptions(testOptions().eventTtl(), MAX_EVENTS, RETAINED_CHANGES, 5, null));
    CountDownLatch release = new CountDownLatch(1);
    BlockingQueue<WatchEvent<Node>> events = new LinkedBlockingQueue<>();
    try (Watch w =
        store.watch(
            ObjectKind.NODES,
            0,
            e -> {
              awaitQuietly(release);
              events.add(e);
            })) {
      for (int i = 0; i < 20; i++) {
        store.put(Fixtures.node("n" + i));
      }
      release.countDown();
      List<WatchEvent<Node>> got = new ArrayList<>();
      WatchEvent<Node> e;
      while ((e = events.poll(5, TimeUnit.SECONDS)) != null) {
        got.add(e);
        if (e instanceof WatchEvent.Relist) {
          break;
        }
      }
      assertThat(got).last().isInstanceOf(WatchEvent.Relist.class);
      assertThat(events.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void aClosedStoreIsUnavailableAndClosesOnlyOnce() {
    store.close();
    store.close();
    assertThatThrownBy(() -> store.nodes())
        .isInstanceOfSatisfying(
            AinoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.watch(ObjectKind.NODES, 5, e -> {}))
        .hasMessageContaining("closed");
  }

  private static List<KeyValue> rawUnder(String prefix) throws Exception {
    return admin
        .getKVClient()
        .get(
            ByteSequence.from(prefix, StandardCharsets.UTF_8),
            GetOption.builder().isPrefix(true).build())
        .get(10, TimeUnit.SECONDS)
        .getKvs();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
