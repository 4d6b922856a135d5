package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.error.AlreadyExistsException;
import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import dev.aino.model.AgentTask;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.store.spi.KvOp;
import dev.aino.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The state store contract. Every backend extends this class and passes the same assertions;
 * backend-specific behaviour (restart, outages) is tested in the subclass. Backends that keep their
 * data across a reopen extend {@link AbstractDurableStateStoreContractTest} instead.
 */
public abstract class AbstractStateStoreContractTest {
  /** Changes the backends under test retain for watch resumption (memory, SQLite). */
  protected static final int RETAINED_CHANGES = 64;

  /** The most events the stores under test keep. */
  protected static final int MAX_EVENTS = 50;

  protected StateStore store;

  /** A new, empty store; options as given by {@link #testOptions()}. */
  protected abstract StateStore newStore() throws Exception;

  /** Makes the backend forget the change history up to and including {@code revision}. */
  protected abstract void compactThrough(StateStore store, long revision) throws Exception;

  protected static StoreOptions testOptions() {
    return StoreOptions.defaults().withRetainedChanges(RETAINED_CHANGES).withMaxEvents(MAX_EVENTS);
  }

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void createThenGetReturnsTheObjectWithItsRevision() {
    Workload created = store.create(Fixtures.workload("web"));
    assertThat(created.revision()).isPositive();
    assertThat(store.workload("web")).contains(created);
    assertThat(store.revision()).isEqualTo(created.revision());
  }

  @Test
  void createOfATakenNameFailsAndKeepsTheOriginal() {
    Workload first = store.create(Fixtures.workload("web"));
    Workload other = Fixtures.workload("web").withSpec(Fixtures.spec(5));
    assertThatThrownBy(() -> store.create(other))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("workload \"web\" already exists");
    assertThat(store.workload("web")).contains(first);
  }

  @Test
  void updateIsConditionalOnTheRevisionRead() {
    Workload v1 = store.create(Fixtures.workload("web"));
    Workload v2 = store.update(v1.withSpec(Fixtures.spec(3)));
    assertThat(v2.revision()).isGreaterThan(v1.revision());

    assertThatThrownBy(() -> store.update(v1.withSpec(Fixtures.spec(7))))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("was modified");
    assertThat(store.workload("web").orElseThrow().spec().replicas()).isEqualTo(3);
  }

  @Test
  void anUpdateNeedsTheRevisionItRead() {
    // Revision 0 is "never read from the store"; as a compare-and-swap condition it would mean
    // "absent", so an update without a revision would quietly create, or be refused as a race.
    Workload unread = Fixtures.workload("web");
    assertThat(unread.revision()).isZero();
    assertThatThrownBy(() -> store.update(unread))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("revision"))
        .hasMessageContaining("an update needs the revision that was read, got 0");
    assertThat(store.workload("web")).isEmpty();

    Workload stored = store.create(Fixtures.workload("web"));
    assertThatThrownBy(() -> store.update(stored.withRevision(0).withSpec(Fixtures.spec(4))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("got 0");
    assertThatThrownBy(() -> store.commit(List.of(WriteOp.update(stored.withRevision(-1)))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("got -1");
    assertThat(store.workload("web")).contains(stored);
  }

  @Test
  void updateOfAMissingObjectIsNotFound() {
    Workload stored = store.create(Fixtures.workload("web"));
    store.delete(ObjectKind.WORKLOADS, "web", StateStore.ANY_REVISION);
    assertThatThrownBy(() -> store.update(stored)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void readModifyWriteCreatesChangesOrLeavesAlone() {
    UpdateResult<Workload> created =
        store.update(ObjectKind.WORKLOADS, "web", w -> w.orElseGet(() -> Fixtures.workload("web")));
    assertThat(created.created()).isTrue();
    assertThat(created.written()).isTrue();
    assertThat(store.workload("web")).contains(created.after());

    long revision = store.revision();
    UpdateResult<Workload> same =
        store.update(ObjectKind.WORKLOADS, "web", w -> w.orElseThrow().withSpec(Fixtures.spec(1)));
    assertThat(same.written()).isFalse();
    assertThat(same.after()).isEqualTo(created.after());
    assertThat(store.revision()).as("nothing written").isEqualTo(revision);

    UpdateResult<Workload> changed =
        store.update(ObjectKind.WORKLOADS, "web", w -> w.orElseThrow().withSpec(Fixtures.spec(4)));
    assertThat(changed.created()).isFalse();
    assertThat(changed.written()).isTrue();
    assertThat(changed.before()).isEqualTo(created.after());
    assertThat(changed.after().revision()).isGreaterThan(revision);
    assertThat(store.workload("web")).contains(changed.after());
  }

  @Test
  void readModifyWriteRereadsAndDecidesAgainWhenAnotherWriterWins() {
    store.create(Fixtures.instance("web", "count"));
    String key = "web/web-count";
    List<Integer> seen = new ArrayList<>();

    UpdateResult<Instance> result =
        store.update(
            ObjectKind.INSTANCES,
            key,
            current -> {
              Instance i = current.orElseThrow();
              seen.add(i.restartCount());
              if (seen.size() == 1) { // another writer lands between this read and the write
                store.update(i.toBuilder().restartCount(i.restartCount() + 10).build());
              }
              return i.toBuilder().restartCount(i.restartCount() + 1).build();
            });

    assertThat(seen).containsExactly(0, 10);
    assertThat(result.after().restartCount()).isEqualTo(11);
    assertThat(store.instance("web-count").orElseThrow().restartCount()).isEqualTo(11);
  }

  @Test
  void readModifyWriteThatLosesACreateRaceChangesTheWinnersCopy() {
    List<Boolean> sawOne = new ArrayList<>();

    UpdateResult<Workload> result =
        store.update(
            ObjectKind.WORKLOADS,
            "web",
            current -> {
              sawOne.add(current.isPresent());
              if (current.isEmpty()) {
                store.create(Fixtures.workload("web").withSpec(Fixtures.spec(7)));
                return Fixtures.workload("web");
              }
              return current.get().withSpec(Fixtures.spec(2));
            });

    assertThat(sawOne).containsExactly(false, true);
    assertThat(result.created()).isFalse();
    assertThat(result.before().spec().replicas()).isEqualTo(7);
    assertThat(store.workload("web").orElseThrow().spec().replicas()).isEqualTo(2);
  }

  @Test
  void readModifyWriteGivesUpAfterItsBoundNamingTheObject() {
    store.create(Fixtures.instance("web", "hot"));
    int[] calls = {0};

    assertThatThrownBy(
            () ->
                store.update(
                    ObjectKind.INSTANCES,
                    "web/web-hot",
                    current -> {
                      calls[0]++;
                      Instance i = current.orElseThrow();
                      store.update(i.toBuilder().restartCount(i.restartCount() + 1).build());
                      return i.toBuilder().message("never lands").build();
                    }))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("instance \"web/web-hot\" kept changing");
    assertThat(calls[0]).isEqualTo(StateStore.UPDATE_ATTEMPTS);
    assertThat(store.instance("web-hot").orElseThrow().message()).isNotEqualTo("never lands");
  }

  @Test
  void readModifyWritePassesTheChangesRefusalOnAndWritesNothing() {
    long revision = store.revision();

    assertThatThrownBy(
            () ->
                store.update(
                    ObjectKind.WORKLOADS,
                    "absent",
                    w -> w.orElseThrow(() -> NotFoundException.of("workload", "absent"))))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.revision()).isEqualTo(revision);
  }

  @Test
  void putCreatesOrReplacesUnconditionally() {
    Node a = store.put(Fixtures.node("n1"));
    Node b = store.put(Fixtures.node("n1").withSchedulable(false));
    assertThat(b.revision()).isGreaterThan(a.revision());
    assertThat(store.node("n1").orElseThrow().schedulable()).isFalse();
  }

  @Test
  void agentTasksKeepTheirDocumentAndAreListedByIdAndDeleted() {
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("state", "TASK_STATE_WORKING");
    doc.putArray("history").addObject().put("text", "deploy nginx as web");
    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    AgentTask b = store.create(new AgentTask("task-b", "alice", "ctx-1", false, at, doc, 0));
    store.create(new AgentTask("task-a", "bob", "ctx-2", true, at, doc, 0));

    AgentTask read = store.get(ObjectKind.AGENT_TASKS, "task-b").orElseThrow();
    assertThat(read).isEqualTo(b);
    assertThat(read.document()).isEqualTo(doc);
    assertThat(store.list(ObjectKind.AGENT_TASKS).items())
        .extracting(AgentTask::id)
        .containsExactly("task-a", "task-b");

    ObjectNode done = doc.deepCopy().put("state", "TASK_STATE_COMPLETED");
    AgentTask finished =
        store.update(new AgentTask("task-b", "alice", "ctx-1", true, at, done, b.revision()));
    assertThat(store.get(ObjectKind.AGENT_TASKS, "task-b").orElseThrow())
        .isEqualTo(finished)
        .extracting(AgentTask::finished)
        .isEqualTo(true);

    store.delete(ObjectKind.AGENT_TASKS, "task-b", finished.revision());
    assertThat(store.get(ObjectKind.AGENT_TASKS, "task-b")).isEmpty();
    assertThat(store.workloads()).isEmpty();
  }

  @Test
  void deleteHonoursItsPrecondition() {
    Node n = store.create(Fixtures.node("n1"));
    store.put(n.withSchedulable(false));
    assertThatThrownBy(() -> store.delete(ObjectKind.NODES, "n1", n.revision()))
        .isInstanceOf(ConflictException.class);
    assertThat(store.node("n1")).isPresent();
    store.delete(ObjectKind.NODES, "n1", StateStore.ANY_REVISION);
    assertThat(store.node("n1")).isEmpty();
    assertThatThrownBy(() -> store.delete(ObjectKind.NODES, "n1", StateStore.ANY_REVISION))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void listsAreInKeyOrderAndPrefixesSeparateWorkloads() {
    store.create(Fixtures.instance("web", "b"));
    store.create(Fixtures.instance("web", "a"));
    store.create(Fixtures.instance("web2", "a"));
    store.create(Fixtures.instance("api", "z"));

    assertThat(store.instancesOf("web")).extracting(Instance::id).containsExactly("web-a", "web-b");
    assertThat(store.instancesOf("web2")).extracting(Instance::id).containsExactly("web2-a");
    assertThat(store.instances())
        .extracting(Instance::id)
        .containsExactly("api-z", "web-a", "web-b", "web2-a");
    ListResult<Instance> all = store.list(ObjectKind.INSTANCES);
    assertThat(all.revision()).isEqualTo(store.revision());
    assertThat(store.instance("web2-a")).isPresent();
    assertThat(store.instance("web2-q")).isEmpty();
  }

  @Test
  void instancesOnANodeAreFoundByNode() {
    Instance placed = store.create(Fixtures.instance("web", "a").toBuilder().node("n1").build());
    store.create(Fixtures.instance("web", "b").toBuilder().node("n2").build());
    assertThat(store.instancesOn("n1")).containsExactly(placed);
  }

  @Test
  void aBatchAppliesAtOneRevisionOrNotAtAll() {
    Workload web = store.create(Fixtures.workload("web"));
    long before = store.revision();

    List<WriteOp> failing =
        List.of(
            WriteOp.create(Fixtures.instance("web", "a")),
            WriteOp.update(web.withSpec(Fixtures.spec(2))),
            WriteOp.create(Fixtures.workload("web")));
    assertThatThrownBy(() -> store.commit(failing)).isInstanceOf(AlreadyExistsException.class);
    assertThat(store.revision()).isEqualTo(before);
    assertThat(store.instancesOf("web")).isEmpty();
    assertThat(store.workload("web")).contains(web);

    long revision =
        store.commit(
            List.of(
                WriteOp.create(Fixtures.instance("web", "a")),
                WriteOp.create(Fixtures.instance("web", "b")),
                WriteOp.update(web.withSpec(Fixtures.spec(2)))));
    assertThat(revision).isGreaterThan(before);
    assertThat(store.instancesOf("web")).allMatch(i -> i.revision() == revision).hasSize(2);
    assertThat(store.workload("web").orElseThrow().revision()).isEqualTo(revision);
  }

  @Test
  void aFailedBatchOfDistinctKeysWritesNothingAndNamesItsFirstFailedOp() {
    Workload web = store.create(Fixtures.workload("web"));
    Instance a = store.create(Fixtures.instance("web", "a"));
    long before = store.revision();

    List<WriteOp> failing =
        List.of(
            WriteOp.create(Fixtures.instance("web", "b")),
            WriteOp.update(a.withRevision(web.revision())),
            WriteOp.create(Fixtures.workload("web")),
            WriteOp.put(Fixtures.instance("web", "c")));
    assertThatThrownBy(() -> store.commit(failing))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("web-a");
    assertThat(store.revision()).isEqualTo(before);
    assertThat(store.instancesOf("web")).containsExactly(a);
    assertThat(store.workload("web")).contains(web);
  }

  @Test
  void concurrentCompareAndSwapWritersNeverLoseAnUpdate() throws Exception {
    store.create(Fixtures.instance("web", "counter"));
    int threads = 8;
    int incrementsEach = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> conflicts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        conflicts.add(
            pool.submit(
                () -> {
                  int lost = 0;
                  for (int i = 0; i < incrementsEach; i++) {
                    while (true) {
                      Instance current = store.instance("web-counter").orElseThrow();
                      try {
                        store.update(
                            current.toBuilder().restartCount(current.restartCount() + 1).build());
                        break;
                      } catch (ConflictException e) {
                        lost++;
                      }
                    }
                  }
                  return lost;
                }));
      }
      for (Future<Integer> f : conflicts) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.instance("web-counter").orElseThrow().restartCount())
        .isEqualTo(threads * incrementsEach);
  }

  @Test
  void watchDeliversPutsAndDeletesInRevisionOrder() throws Exception {
    BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
    try (Watch w = store.watch(ObjectKind.INSTANCES, 0, events::add)) {
      store.create(Fixtures.workload("web")); // another kind: not delivered
      for (int i = 0; i < 20; i++) {
        store.create(Fixtures.instance("web", "i" + i));
      }
      store.delete(ObjectKind.INSTANCES, "web/web-i3", StateStore.ANY_REVISION);

      List<WatchEvent<Instance>> got = take(events, 21);
      long last = 0;
      for (int i = 0; i < 20; i++) {
        WatchEvent.Put<Instance> put = (WatchEvent.Put<Instance>) got.get(i);
        assertThat(put.object().id()).isEqualTo("web-i" + i);
        assertThat(put.revision()).isGreaterThan(last).isEqualTo(put.object().revision());
        last = put.revision();
      }
      WatchEvent.Delete<Instance> delete = (WatchEvent.Delete<Instance>) got.get(20);
      assertThat(delete.key()).isEqualTo("web/web-i3");
      assertThat(delete.revision()).isGreaterThan(last);
    }
  }

  @Test
  void watchResumesFromARevision() throws Exception {
    for (int i = 0; i < 3; i++) {
      store.create(Fixtures.instance("web", "old" + i));
    }
    long listedAt = store.list(ObjectKind.INSTANCES).revision();
    for (int i = 0; i < 5; i++) {
      store.create(Fixtures.instance("web", "new" + i));
    }
    BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
    try (Watch w = store.watch(ObjectKind.INSTANCES, listedAt + 1, events::add)) {
      List<WatchEvent<Instance>> got = take(events, 5);
      assertThat(got)
          .extracting(e -> ((WatchEvent.Put<Instance>) e).object().id())
          .containsExactly("web-new0", "web-new1", "web-new2", "web-new3", "web-new4");
      store.create(Fixtures.instance("web", "later"));
      assertThat(((WatchEvent.Put<Instance>) take(events, 1).get(0)).object().id())
          .isEqualTo("web-later");
    }
  }

  @Test
  void watchFromACompactedRevisionAsksToRelist() throws Exception {
    long start = store.create(Fixtures.instance("web", "a")).revision();
    for (int i = 0; i < 5; i++) {
      store.put(Fixtures.node("n" + i));
    }
    compactThrough(store, store.revision());
    BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
    try (Watch w = store.watch(ObjectKind.INSTANCES, start, events::add)) {
      WatchEvent<Instance> first = events.poll(30, TimeUnit.SECONDS);
      assertThat(first).isInstanceOf(WatchEvent.Relist.class);
    }
  }

  @Test
  void aNodeWatchDeliversThatNodesInstancesOnly() throws Exception {
    Instance before = store.create(Fixtures.instance("web", "a").toBuilder().node("n1").build());
    store.create(Fixtures.instance("web", "b").toBuilder().node("n2").build());
    ListResult<Instance> listed = store.listNodeInstances("n1");
    assertThat(listed.items()).containsExactly(before);
    BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
    try (Watch w = store.watchNodeInstances("n1", listed.revision() + 1, events::add)) {
      store.create(Fixtures.instance("web", "c").toBuilder().node("n2").build()); // not n1's
      store.create(Fixtures.instance("web", "d")); // on no node yet
      Instance placed =
          store.update(store.instance("web-d").orElseThrow().toBuilder().node("n1").build());
      Instance moved = store.update(before.toBuilder().node("n2").build()); // leaves n1
      store.delete(ObjectKind.INSTANCES, "web/web-b", StateStore.ANY_REVISION); // n2's
      store.delete(ObjectKind.INSTANCES, "web/web-d", StateStore.ANY_REVISION);
      store.create(Fixtures.instance("web", "e").toBuilder().node("n1").build());

      List<WatchEvent<Instance>> got = take(events, 4);
      assertThat(((WatchEvent.Put<Instance>) got.get(0)).object()).isEqualTo(placed);
      assertThat(((WatchEvent.Put<Instance>) got.get(1)).object()).isEqualTo(moved);
      assertThat(((WatchEvent.Delete<Instance>) got.get(2)).key()).isEqualTo("web/web-d");
      assertThat(((WatchEvent.Put<Instance>) got.get(3)).object().id()).isEqualTo("web-e");
      assertThat(got).extracting(WatchEvent::revision).isSorted();
      assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
    assertThat(store.listNodeInstances("n2").items())
        .extracting(Instance::id)
        .containsExactlyInAnyOrder("web-a", "web-c");
  }

  @Test
  void aNodeWatchResumesFromARevisionAndRelistsFromBeforeItsIndex() throws Exception {
    store.put(Fixtures.node("n1"));
    long indexedAt = store.listNodeInstances("n1").revision();
    long first =
        store.create(Fixtures.instance("web", "a").toBuilder().node("n1").build()).revision();
    store.create(Fixtures.instance("web", "b").toBuilder().node("n2").build());
    store.create(Fixtures.instance("web", "c").toBuilder().node("n1").build());
    BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
    try (Watch w = store.watchNodeInstances("n1", first, events::add)) {
      assertThat(take(events, 2))
          .extracting(e -> ((WatchEvent.Put<Instance>) e).object().id())
          .containsExactly("web-a", "web-c");
    }
    BlockingQueue<WatchEvent<Instance>> early = new LinkedBlockingQueue<>();
    try (Watch w = store.watchNodeInstances("n1", indexedAt, early::add)) {
      assertThat(early.poll(30, TimeUnit.SECONDS)).isInstanceOf(WatchEvent.Relist.class);
    }
  }

  @Test
  void aBlockedWatcherNeverBlocksWriters() throws Exception {
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
      long t0 = System.nanoTime();
      for (int i = 0; i < 30; i++) {
        store.put(Fixtures.node("n" + i));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
      release.countDown();
      assertThat(take(events, 30))
          .extracting(e -> ((WatchEvent.Put<Node>) e).object().name())
          .containsExactlyElementsOf(
              java.util.stream.IntStream.range(0, 30).mapToObj(i -> "n" + i).toList());
    }
  }

  @Test
  void repeatedEventsFoldIntoOneWithACount() {
    ObjectRef web = ObjectRef.workload("web");
    store.recordEvent(
        web, EventType.WARNING, "FailedScheduling", "0/3 nodes fit: 3 insufficient memory");
    store.recordEvent(
        web, EventType.WARNING, "FailedScheduling", "0/4 nodes fit: 4 insufficient memory");
    store.recordEvent(web, EventType.NORMAL, "Scaled", "scaled to 3");
    store.recordEvent(ObjectRef.workload("api"), EventType.NORMAL, "Scaled", "scaled to 1");

    List<Event> events = store.events(web);
    assertThat(events).hasSize(2);
    Event scheduling =
        events.stream()
            .filter(e -> e.reason().equals("FailedScheduling"))
            .findFirst()
            .orElseThrow();
    assertThat(scheduling.count()).isEqualTo(2);
    assertThat(scheduling.message()).isEqualTo("0/4 nodes fit: 4 insufficient memory");
    assertThat(scheduling.type()).isEqualTo(EventType.WARNING);
    assertThat(store.events()).hasSize(3);
  }

  @Test
  void anEventRecordedAtAnEarlierTimeSortsBeforeOnesRecordedAheadOfIt() {
    ObjectRef web = ObjectRef.workload("web");
    Instant created = Instant.now().minusMillis(5);
    store.recordEvent(web, EventType.NORMAL, "Scheduled", "placed 3 instances");
    store.recordEvent(web, EventType.NORMAL, "Created", "created with 3 replicas", created);

    assertThat(store.events(web)).extracting(Event::reason).containsExactly("Created", "Scheduled");
    assertThat(store.events(web).get(0).lastSeen()).isEqualTo(created);
  }

  @Test
  void eventsAreBoundedKeepingTheMostRecent() {
    for (int i = 0; i < MAX_EVENTS * 3; i++) {
      store.recordEvent(ObjectRef.instance("web-i" + i), EventType.NORMAL, "Started", "started");
    }
    ((KvStateStore) store).pruneEvents();
    List<Event> kept = store.events();
    assertThat(kept).hasSizeLessThanOrEqualTo(MAX_EVENTS);
    assertThat(kept).extracting(e -> e.object().name()).contains("web-i" + (MAX_EVENTS * 3 - 1));
  }

  @Test
  void aCorruptDocumentIsSkippedAndReportedNotFatal() throws Exception {
    store.create(Fixtures.instance("web", "a"));
    store.create(Fixtures.instance("web", "c"));
    writeRaw("instances/web/web-b", "{not json".getBytes(StandardCharsets.UTF_8));
    writeRaw(
        "instances/web/web-d",
        "{\"schemaVersion\":1,\"object\":{\"id\":\"web-d\",\"workload\":\"web\",\"generation\":-4}}"
            .getBytes(StandardCharsets.UTF_8));
    writeRaw(
        "instances/web/web-e",
        "{\"schemaVersion\":99,\"object\":{}}".getBytes(StandardCharsets.UTF_8));

    assertThat(store.instancesOf("web")).extracting(Instance::id).containsExactly("web-a", "web-c");
    assertThat(store.instance("web-b")).isEmpty();
    List<Event> reports =
        store.events().stream().filter(e -> e.reason().equals("CorruptRecord")).toList();
    assertThat(reports).hasSize(3);
    assertThat(reports).allMatch(e -> e.type() == EventType.WARNING);
    assertThat(reports)
        .anySatisfy(e -> assertThat(e.message()).contains("instances/web/web-d", "generation"));
  }

  /** Writes bytes under a full key, bypassing encoding, as a damaged or foreign writer would. */
  protected void writeRaw(String fullKey, byte[] bytes) throws Exception {
    ((KvStateStore) store).kvCommit(List.of(new KvOp(fullKey, bytes, KvOp.ANY, null)));
  }

  protected static <E> List<E> take(BlockingQueue<E> queue, int n) throws InterruptedException {
    List<E> got = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (got.size() < n) {
      E e = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("received " + got.size() + " of " + n + " events: " + got);
      }
      got.add(e);
    }
    return got;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
