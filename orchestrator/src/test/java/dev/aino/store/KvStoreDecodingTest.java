package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.store.spi.KvOp;
import dev.aino.store.sqlite.SqliteStateStore;
import dev.aino.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the shared key-value logic ({@link KvStateStore}) reads a backend that hands back bytes only,
 * as SQLite and etcd do (the memory backend hands back the written objects themselves): a document
 * is decoded once per revision, a write of this process is read back as the object that was
 * written, and events are not kept decoded. Here on SQLite, which is embedded and fast; its own
 * tests ({@code dev.aino.store.sqlite}) cover the backend.
 */
class KvStoreDecodingTest {
  @TempDir Path dataDir;

  private SqliteStateStore store;

  @BeforeEach
  void open() {
    store = SqliteStateStore.open(dataDir, StoreOptions.defaults());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aWriteIsReadBackAsTheWrittenObjectStampedWithItsRevision() {
    Workload written = Fixtures.workload("web");
    Workload created = store.create(written);

    Workload read = store.workload("web").orElseThrow();
    assertThat(read).isEqualTo(created);
    assertThat(read.spec()).as("the written spec, not a decoded copy").isSameAs(written.spec());
    assertThat(store.workloads()).singleElement().isSameAs(read);

    Workload changed = store.update(read.withSpec(Fixtures.spec(2)));
    Workload reread = store.workload("web").orElseThrow();
    assertThat(reread).isEqualTo(changed);
    assertThat(reread.spec()).isSameAs(changed.spec());
  }

  @Test
  void aBatchIsRememberedInOpOrderSoTheLaterOpOnAKeyWins() {
    Workload first = store.create(Fixtures.workload("web"));
    Workload second = Fixtures.workload("web").withSpec(Fixtures.spec(3));

    long revision =
        store.commit(
            List.of(
                new WriteOp.Delete(ObjectKind.WORKLOADS, "web", first.revision()),
                WriteOp.put(second)));

    Workload read = store.workload("web").orElseThrow();
    assertThat(read).isEqualTo(second.withRevision(revision));
    assertThat(read.spec()).isSameAs(second.spec());

    store.delete(ObjectKind.WORKLOADS, "web", revision);
    assertThat(store.workload("web")).isEmpty();
    assertThat(store.workloads()).isEmpty();
  }

  @Test
  void aDocumentAnotherWriterStoredIsDecodedOnceAtItsRevision() throws Exception {
    Workload foreign = Fixtures.workload("api").withSpec(Fixtures.spec(5));
    long revision = writeRaw("workloads/api", DocumentCodec.encode(foreign));

    Workload first = store.workload("api").orElseThrow();
    assertThat(first).isEqualTo(foreign.withRevision(revision));
    assertThat(first.spec())
        .as("decoded, not the object this test holds")
        .isNotSameAs(foreign.spec());
    assertThat(store.workload("api")).containsSame(first);
    assertThat(store.workloads()).singleElement().isSameAs(first);

    // A new revision of the key is decoded again.
    long next = writeRaw("workloads/api", DocumentCodec.encode(foreign.withSpec(Fixtures.spec(6))));
    Workload second = store.workload("api").orElseThrow();
    assertThat(second.revision()).isEqualTo(next);
    assertThat(second.spec().replicas()).isEqualTo(6);
  }

  @Test
  void aWatchDecodesWhatAnotherWriterStoredAndSkipsWhatItCannotRead() throws Exception {
    BlockingQueue<WatchEvent<Workload>> events = new LinkedBlockingQueue<>();
    try (Watch w = store.watch(ObjectKind.WORKLOADS, 0, events::add)) {
      writeRaw("workloads/bad", "{not json".getBytes(StandardCharsets.UTF_8));
      Workload foreign = Fixtures.workload("api");
      long put = writeRaw("workloads/api", DocumentCodec.encode(foreign));
      long deleted = store.commit(List.of(new WriteOp.Delete(ObjectKind.WORKLOADS, "api", put)));

      assertThat(events.poll(30, TimeUnit.SECONDS))
          .isEqualTo(new WatchEvent.Put<>(foreign.withRevision(put), put));
      assertThat(events.poll(30, TimeUnit.SECONDS))
          .isEqualTo(new WatchEvent.Delete<Workload>("api", deleted));
      assertThat(events.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }
    assertThat(store.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("CorruptRecord");
              assertThat(e.message()).startsWith("stored document at workloads/bad (revision ");
            });
  }

  /**
   * Events expire inside the backend, unseen by this process, and are read rarely: keeping them
   * decoded would hold objects nobody reads again. Each read decodes them afresh.
   */
  @Test
  void eventsAreNotKeptDecoded() {
    ObjectRef web = ObjectRef.workload("web");
    store.recordEvent(web, EventType.NORMAL, "Scaled", "scaled to 2");

    Event first = store.events(web).get(0);
    Event second = store.events(web).get(0);
    assertThat(second).isEqualTo(first).isNotSameAs(first);
    assertThat(second.message()).isNotSameAs(first.message());
  }

  /** Writes bytes under a full key with no object, as another process or an older aino would. */
  private long writeRaw(String fullKey, byte[] document) throws Exception {
    return ((KvStateStore) store).kvCommit(List.of(new KvOp(fullKey, document, KvOp.ANY, null)));
  }
}
