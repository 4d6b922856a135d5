package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.UnavailableException;
import dev.aino.error.ValidationException;
import dev.aino.model.Instance;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.CountingMetrics;
import dev.aino.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The index by node: a watch from now, the store's close, and the case when its own watch of every
 * instance cannot continue: each node's watchers are told to relist, and the rebuilt index serves
 * them from the list on.
 */
class NodeInstanceRouterTest {
  @Test
  void whenTheIndexMustRelistEveryNodeWatcherRelistsAndResumes() throws Exception {
    // At most one pending change per watch: a commit of five puts the index's watch behind.
    StoreOptions options = new StoreOptions(Duration.ofHours(1), 100, 100, 1, Clock.systemUTC());
    try (StateStore store = new InMemoryStateStore(options)) {
      store.put(Fixtures.node("n1"));
      Instance gone = store.create(Fixtures.instance("web", "gone").toBuilder().node("n1").build());
      ListResult<Instance> listed = store.listNodeInstances("n1");
      BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
      try (Watch w = store.watchNodeInstances("n1", listed.revision() + 1, events::add)) {
        List<WriteOp> batch = new ArrayList<>();
        // Deleted while the index is behind: the rebuilt index must not think it is on n1.
        batch.add(new WriteOp.Delete(ObjectKind.INSTANCES, gone.storeKey(), gone.revision()));
        for (int i = 0; i < 5; i++) {
          batch.add(
              WriteOp.create(Fixtures.instance("web", "i" + i).toBuilder().node("n1").build()));
        }
        store.commit(batch);
        // The index's own watch is told to relist at once (six changes in one offer), before
        // it routes any of them: the node's watcher hears why.
        WatchEvent<Instance> first = events.poll(30, TimeUnit.SECONDS);
        assertThat(first)
            .isInstanceOfSatisfying(
                WatchEvent.Relist.class,
                r ->
                    assertThat(r.reason())
                        .isEqualTo(
                            "the node index was rebuilt: watcher fell more than 1 changes behind"));
      }

      ListResult<Instance> again = store.listNodeInstances("n1");
      assertThat(again.items()).hasSize(5);
      // The rebuilt index has not seen the batch: a watch from before it must relist.
      BlockingQueue<WatchEvent<Instance>> stale = new LinkedBlockingQueue<>();
      try (Watch w = store.watchNodeInstances("n1", listed.revision() + 1, stale::add)) {
        assertThat(stale.poll(30, TimeUnit.SECONDS)).isInstanceOf(WatchEvent.Relist.class);
      }
      BlockingQueue<WatchEvent<Instance>> resumed = new LinkedBlockingQueue<>();
      BlockingQueue<WatchEvent<Instance>> onN2 = new LinkedBlockingQueue<>();
      try (Watch w = store.watchNodeInstances("n1", again.revision() + 1, resumed::add);
          Watch w2 = store.watchNodeInstances("n2", again.revision() + 1, onN2::add)) {
        store.create(Fixtures.instance("web", "gone").toBuilder().node("n2").build()); // n2's
        // One change at a time: with one pending change allowed, a second write before the index
        // has routed the first would put its watch behind again, and every watcher would relist.
        assertThat(onN2.poll(30, TimeUnit.SECONDS)).isInstanceOf(WatchEvent.Put.class);
        store.create(Fixtures.instance("web", "later").toBuilder().node("n1").build());
        WatchEvent<Instance> next = resumed.poll(30, TimeUnit.SECONDS);
        assertThat(next).isInstanceOf(WatchEvent.Put.class);
        assertThat(((WatchEvent.Put<Instance>) next).object().id()).isEqualTo("web-later");
        store.create(Fixtures.instance("web", "elsewhere").toBuilder().node("n2").build());
        assertThat(resumed.poll(200, TimeUnit.MILLISECONDS)).isNull();
      }
    }
  }

  @Test
  void afterARelistTheIndexRebuildsItselfAndClosingTheStoreEndsItsThreads() throws Exception {
    Set<Thread> before = watchThreads();
    StoreOptions options = new StoreOptions(Duration.ofHours(1), 100, 100, 1, Clock.systemUTC());
    StateStore store = new InMemoryStateStore(options);
    try {
      CountingMetrics metrics = new CountingMetrics();
      store.reportTo(metrics);
      ListResult<Instance> listed = store.listNodeInstances("n1");
      long lists = metrics.count("store memory range");
      BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
      try (Watch w = store.watchNodeInstances("n1", listed.revision() + 1, events::add)) {
        store.commit(
            List.of(
                WriteOp.create(Fixtures.instance("web", "a").toBuilder().node("n1").build()),
                WriteOp.create(Fixtures.instance("web", "b").toBuilder().node("n1").build())));
        assertThat(events.poll(30, TimeUnit.SECONDS)).isInstanceOf(WatchEvent.Relist.class);
      }

      // Nobody asks, yet the index lists every instance again and watches from there.
      Await.until("the index to rebuild itself", () -> metrics.count("store memory range") > lists);
      Instance later = store.create(Fixtures.instance("web", "c").toBuilder().node("n1").build());
      BlockingQueue<WatchEvent<Instance>> resumed = new LinkedBlockingQueue<>();
      try (Watch w = store.watchNodeInstances("n1", later.revision(), resumed::add)) {
        assertThat(resumed.poll(30, TimeUnit.SECONDS))
            .isEqualTo(new WatchEvent.Put<>(later, later.revision()));
      }
      assertThat(watchThreads()).as("the index's restart and delivery threads").isNotEmpty();
    } finally {
      store.close();
    }
    Await.until(
        "the threads of the closed store to end",
        () -> watchThreads().stream().allMatch(t -> before.contains(t) || !t.isAlive()));
  }

  /** The live threads of stores' watches and of the node index's restarts. */
  private static Set<Thread> watchThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("aino-watch-") || t.getName().startsWith("aino-node-"))
        .collect(Collectors.toSet());
  }

  @Test
  void aWatchFromRevisionZeroStartsWithTheNextChangeOfTheNode() throws Exception {
    try (StateStore store = new InMemoryStateStore()) {
      store.put(Fixtures.node("n1"));
      assertThat(store.listNodeInstances("n1").items()).isEmpty(); // the index starts here
      store.create(Fixtures.instance("web", "before").toBuilder().node("n1").build());
      BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
      try (Watch w = store.watchNodeInstances("n1", 0, events::add)) {
        Instance after =
            store.create(Fixtures.instance("web", "after").toBuilder().node("n1").build());
        WatchEvent<Instance> first = events.poll(30, TimeUnit.SECONDS);
        assertThat(first).isEqualTo(new WatchEvent.Put<>(after, after.revision()));
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
      }
    }
  }

  @Test
  void aChangeOnItsNodeReachesThatNodeOnceAndOneThatClearsItsNodeReachesTheNodeItLeft()
      throws Exception {
    try (StateStore store = new InMemoryStateStore()) {
      Instance placed = store.create(Fixtures.instance("web", "a").toBuilder().node("n1").build());
      ListResult<Instance> listed = store.listNodeInstances("n1");
      assertThat(listed.items()).containsExactly(placed);
      BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
      try (Watch w = store.watchNodeInstances("n1", listed.revision() + 1, events::add)) {
        Instance changed = store.update(placed.toBuilder().message("pulling").build());
        Instance cleared = store.update(changed.toBuilder().node(null).build());
        store.update(cleared.toBuilder().message("waiting").build()); // on no node: nobody's
        store.delete(ObjectKind.INSTANCES, "web/web-a", StateStore.ANY_REVISION); // nor this
        Instance other = store.create(Fixtures.instance("web", "b").toBuilder().node("n1").build());

        assertThat(events.poll(30, TimeUnit.SECONDS))
            .isEqualTo(new WatchEvent.Put<>(changed, changed.revision()));
        assertThat(events.poll(30, TimeUnit.SECONDS))
            .isEqualTo(new WatchEvent.Put<>(cleared, cleared.revision()));
        assertThat(events.poll(30, TimeUnit.SECONDS))
            .isEqualTo(new WatchEvent.Put<>(other, other.revision()));
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
      }
      assertThat(store.listNodeInstances("n1").items())
          .containsExactly(store.instance("web-b").orElseThrow());
    }
  }

  @Test
  void aClosedStoreRefusesToListOrWatchANodesInstancesAndSaysWhy() {
    StateStore store = new InMemoryStateStore();
    assertThat(store.listNodeInstances("n1").items()).isEmpty();
    store.close();

    String why = "memory store unavailable: watching a node's instances: the store is closed";
    assertThatThrownBy(() -> store.listNodeInstances("n1"))
        .isInstanceOf(UnavailableException.class)
        .hasMessage(why);
    assertThatThrownBy(() -> store.watchNodeInstances("n1", 0, e -> {}))
        .isInstanceOf(UnavailableException.class)
        .hasMessage(why);
  }

  @Test
  void aNodeNameIsCheckedAsText() {
    try (StateStore store = new InMemoryStateStore()) {
      assertThatThrownBy(() -> store.listNodeInstances("n\0"))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("node"))
          .hasMessageContaining("must not contain a NUL byte");
      assertThatThrownBy(() -> store.watchNodeInstances("n\0", 0, e -> {}))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("node"))
          .hasMessageContaining("must not contain a NUL byte");
      assertThatThrownBy(() -> store.watchNodeInstances("n1", 0, null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("listener");
    }
  }
}
