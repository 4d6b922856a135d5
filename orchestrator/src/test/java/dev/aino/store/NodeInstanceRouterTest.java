package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.UnavailableException;
import dev.aino.error.ValidationException;
import dev.aino.model.Instance;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
      ListResult<Instance> listed = store.listNodeInstances("n1");
      BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
      try (Watch w = store.watchNodeInstances("n1", listed.revision() + 1, events::add)) {
        List<WriteOp> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          batch.add(
              WriteOp.create(Fixtures.instance("web", "i" + i).toBuilder().node("n1").build()));
        }
        store.commit(batch);
        WatchEvent<Instance> first = events.poll(30, TimeUnit.SECONDS);
        assertThat(first).isInstanceOf(WatchEvent.Relist.class);
      }

      ListResult<Instance> again = store.listNodeInstances("n1");
      assertThat(again.items()).hasSize(5);
      BlockingQueue<WatchEvent<Instance>> resumed = new LinkedBlockingQueue<>();
      try (Watch w = store.watchNodeInstances("n1", again.revision() + 1, resumed::add)) {
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
  void aWatchFromRevisionZeroStartsWithTheNextChangeOfTheNode() throws Exception {
    try (StateStore store = new InMemoryStateStore()) {
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
