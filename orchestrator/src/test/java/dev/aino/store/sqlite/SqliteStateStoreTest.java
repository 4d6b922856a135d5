package dev.aino.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.UnavailableException;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.store.AbstractDurableStateStoreContractTest;
import dev.aino.store.ListResult;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import dev.aino.store.WriteOp;
import dev.aino.testing.Fixtures;
import dev.aino.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

class SqliteStateStoreTest extends AbstractDurableStateStoreContractTest {
  @TempDir Path dataDir;

  @Override
  protected StateStore newStore() {
    return SqliteStateStore.open(dataDir, testOptions());
  }

  @Override
  protected StateStore reopen(StateStore store) {
    store.close();
    return SqliteStateStore.open(dataDir, testOptions());
  }

  @Override
  protected void compactThrough(StateStore store, long revision) {
    // The hub keeps the last RETAINED_CHANGES changes; push the rest out.
    for (int i = 0; i <= RETAINED_CHANGES; i++) {
      store.put(Fixtures.node("filler"));
    }
  }

  @Test
  void theRevisionPersistsAcrossAReopenAndKeepsGrowing() throws Exception {
    for (int i = 0; i < 5; i++) {
      store.create(Fixtures.instance("web", "i" + i));
    }
    store.delete(ObjectKind.INSTANCES, "web/web-i0", StateStore.ANY_REVISION);
    long before = store.revision();
    assertThat(before).isEqualTo(6);

    store = reopen(store);
    assertThat(store.revision()).isEqualTo(before);
    assertThat(store.list(ObjectKind.INSTANCES).revision()).isEqualTo(before);
    assertThat(store.instancesOf("web")).hasSize(4);
    assertThat(store.create(Fixtures.workload("web")).revision()).isEqualTo(before + 1);
  }

  @Test
  void aWatchResumingFromBeforeAReopenIsToldToRelist() throws Exception {
    long first = store.create(Fixtures.instance("web", "a")).revision();
    store.create(Fixtures.instance("web", "b"));
    store = reopen(store);
    long reopenedAt = store.revision();

    BlockingQueue<WatchEvent<Instance>> stale = new LinkedBlockingQueue<>();
    try (Watch w = store.watch(ObjectKind.INSTANCES, first, stale::add)) {
      WatchEvent<?> event = stale.poll(30, TimeUnit.SECONDS);
      assertThat(event).isInstanceOf(WatchEvent.Relist.class);
      assertThat(event.revision()).isEqualTo(reopenedAt);
    }
    BlockingQueue<WatchEvent<Instance>> fresh = new LinkedBlockingQueue<>();
    try (Watch w = store.watch(ObjectKind.INSTANCES, reopenedAt + 1, fresh::add)) {
      store.create(Fixtures.instance("web", "c"));
      WatchEvent<Instance> event = take(fresh, 1).get(0);
      assertThat(event).isInstanceOf(WatchEvent.Put.class);
      assertThat(event.revision()).isEqualTo(reopenedAt + 1);
    }
  }

  @Test
  void expiredKeysAreInvisibleThenRemovedAsDeletesThatWatchersSee() throws Exception {
    MutableClock clock = new MutableClock(Fixtures.T0);
    StoreOptions options = testOptions().withClock(clock).withEventTtl(Duration.ofMinutes(10));
    try (SqliteStateStore ttl = new SqliteStateStore(dataDir.resolve("ttl/aino.db"), options)) {
      ObjectRef web = ObjectRef.workload("web");
      ttl.recordEvent(web, EventType.NORMAL, "Scaled", "scaled to 2");
      ttl.recordEvent(web, EventType.NORMAL, "Scaled", "scaled to 3");
      String key = ObjectKind.EVENTS.keyOf("workload/web/Scaled");
      assertThat(ttl.kvGet(key)).isPresent();
      BlockingQueue<WatchEvent<Event>> events = new LinkedBlockingQueue<>();
      try (Watch w = ttl.watch(ObjectKind.EVENTS, 0, events::add)) {
        clock.advance(Duration.ofMinutes(11));
        assertThat(ttl.kvGet(key)).isEmpty();
        assertThat(ttl.kvRange(ObjectKind.EVENTS.prefix()).entries()).isEmpty();
        long beforeRemoval = ttl.revision();

        // The next commit removes it first, so a fresh event starts over instead of folding.
        Event again = ttl.recordEvent(web, EventType.NORMAL, "Scaled", "scaled to 4");
        assertThat(again.count()).isEqualTo(1);

        List<WatchEvent<Event>> got = take(events, 2);
        assertThat(got.get(0)).isInstanceOf(WatchEvent.Delete.class);
        assertThat(((WatchEvent.Delete<?>) got.get(0)).key()).isEqualTo("workload/web/Scaled");
        assertThat(got.get(0).revision()).isEqualTo(beforeRemoval + 1);
        assertThat(got.get(1)).isInstanceOf(WatchEvent.Put.class);
        assertThat(got.get(1).revision()).isEqualTo(beforeRemoval + 2);
      }
    }
  }

  @Test
  void keysThatExpiredWhileClosedAreRemovedAfterAReopen() throws Exception {
    MutableClock clock = new MutableClock(Fixtures.T0);
    StoreOptions options = testOptions().withClock(clock).withEventTtl(Duration.ofMinutes(10));
    Path file = dataDir.resolve("ttl/aino.db");
    try (SqliteStateStore ttl = new SqliteStateStore(file, options)) {
      ttl.recordEvent(ObjectRef.node("n1"), EventType.WARNING, "NodeNotReady", "no heartbeat");
    }
    clock.advance(Duration.ofHours(1));
    try (SqliteStateStore ttl = new SqliteStateStore(file, options)) {
      long reopenedAt = ttl.revision();
      long next = ttl.put(Fixtures.node("n1")).revision();
      assertThat(next).as("one revision removes the expired event").isEqualTo(reopenedAt + 2);
      assertThat(ttl.kvRange(ObjectKind.EVENTS.prefix()).entries()).isEmpty();
    }
  }

  @Test
  void aListIsOneSnapshotEvenWhileBatchesCommit() throws Exception {
    int nodes = 20;
    int batches = 150;
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<?> writer =
          pool.submit(
              () -> {
                try {
                  for (int b = 0; b < batches; b++) {
                    List<WriteOp> ops = new ArrayList<>();
                    for (int n = 0; n < nodes; n++) {
                      ops.add(WriteOp.put(Fixtures.node("n" + n)));
                    }
                    store.commit(ops);
                  }
                } finally {
                  writing.set(false);
                }
              });
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  int lists = 0;
                  while (writing.get() || lists == 0) {
                    ListResult<Node> all = store.list(ObjectKind.NODES);
                    // Every batch rewrites every node, so one snapshot has them all at its
                    // revision.
                    assertThat(all.items())
                        .allSatisfy(n -> assertThat(n.revision()).isEqualTo(all.revision()));
                    lists++;
                  }
                  return lists;
                }));
      }
      writer.get(120, TimeUnit.SECONDS);
      for (Future<Integer> reader : readers) {
        assertThat(reader.get(120, TimeUnit.SECONDS)).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.revision()).isEqualTo(batches);
  }

  @Test
  void concurrentWritersGetDistinctRevisionsThatAWatcherSeesInOrder() throws Exception {
    int threads = 6;
    int each = 30;
    BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
    Set<Long> returned = ConcurrentHashMap.newKeySet();
    try (Watch w = store.watch(ObjectKind.INSTANCES, 0, events::add)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          String workload = "w" + t;
          writers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < each; i++) {
                      returned.add(store.create(Fixtures.instance(workload, "i" + i)).revision());
                    }
                    return null;
                  }));
        }
        for (Future<?> writer : writers) {
          writer.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      List<WatchEvent<Instance>> seen = take(events, threads * each);
      assertThat(seen).extracting(WatchEvent::revision).isSorted().doesNotHaveDuplicates();
      assertThat(seen)
          .extracting(WatchEvent::revision)
          .containsExactlyInAnyOrderElementsOf(returned);
    }
    assertThat(returned).hasSize(threads * each);
    assertThat(store.revision()).isEqualTo(threads * each);
  }

  @Test
  void idleReadersPinNoSnapshotSoTheWalCanBeCheckpointed() throws Exception {
    for (int i = 0; i < 20; i++) {
      store.create(Fixtures.instance("web", "i" + i));
      store.instance("web-i" + i);
      store.instancesOf("web");
      store.instance("web-missing");
    }
    try (Connection other = connect();
        Statement s = other.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      rs.next();
      assertThat(rs.getInt(1)).as("checkpoint blocked by a reader").isZero();
    }
    assertThat(store.instancesOf("web")).hasSize(20);
  }

  @Test
  void aCommitThatCannotGetTheDatabaseIsUnavailableAndLaterCommitsSucceed() throws Exception {
    store.create(Fixtures.workload("web"));
    // e.g. someone left a write transaction open in the sqlite3 shell.
    try (Connection other = connect();
        Statement s = other.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      assertThatThrownBy(() -> store.put(Fixtures.node("n1")))
          .isInstanceOf(UnavailableException.class)
          .hasMessageContaining("sqlite store unavailable: committing 1 write to ")
          .hasMessageContaining("locked");
      assertThat(store.workload("web")).as("reads go on").isPresent();
      s.execute("ROLLBACK");
    }
    long before = store.revision();
    assertThat(store.put(Fixtures.node("n1")).revision()).isEqualTo(before + 1);
  }

  private Connection connect() throws Exception {
    return new SQLiteConfig()
        .createConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStateStore.FILE_NAME));
  }

  @Test
  void aClosedStoreIsUnavailableAndClosingTwiceIsHarmless() {
    store.create(Fixtures.workload("web"));
    store.close();
    store.close();
    assertThatThrownBy(() -> store.workload("web"))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("sqlite store unavailable")
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.put(Fixtures.node("n1")))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> store.watch(ObjectKind.NODES, 0, e -> {}))
        .isInstanceOf(UnavailableException.class);
    store = null;
  }
}
