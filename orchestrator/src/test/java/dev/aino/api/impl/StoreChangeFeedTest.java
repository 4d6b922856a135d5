package dev.aino.api.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.Change;
import dev.aino.api.ChangeCursor;
import dev.aino.api.ChangeFeed;
import dev.aino.api.ChangeKind;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.store.ObjectKind;
import dev.aino.store.WriteOp;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.Fixtures;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StoreChangeFeedTest {
  @Test
  void tellsWhichWorkloadInstanceOrNodeChangedUntilClosed() throws Exception {
    try (InMemoryStateStore store = new InMemoryStateStore()) {
      List<ObjectRef> seen = new CopyOnWriteArrayList<>();
      ChangeFeed.Subscription subscription = ChangeFeed.of(store).subscribe(seen::add);

      Workload web = store.create(Fixtures.workload("web"));
      Instance instance = store.create(Fixtures.instance("web", "a1"));
      store.create(Fixtures.node("n1"));
      store.delete(ObjectKind.INSTANCES, instance.storeKey(), instance.revision());
      store.delete(ObjectKind.WORKLOADS, web.storeKey(), web.revision());
      Await.until("five changes (seen " + seen + ")", () -> seen.size() >= 5);

      assertThat(seen)
          .containsExactlyInAnyOrder(
              ObjectRef.workload("web"),
              ObjectRef.instance(instance.id()),
              ObjectRef.node("n1"),
              ObjectRef.instance(instance.id()),
              ObjectRef.workload("web"));

      subscription.close();
      // Instead of sleeping: a subscription that stays open sees the next change, and by then the
      // closed one, served by the same store's watches, has received nothing more.
      List<ObjectRef> control = new CopyOnWriteArrayList<>();
      try (ChangeFeed.Subscription open = ChangeFeed.of(store).subscribe(control::add)) {
        store.create(Fixtures.workload("later"));
        Await.until(
            "the open subscription to see workload later",
            () -> control.contains(ObjectRef.workload("later")));
      }
      assertThat(seen).hasSize(5);
    }
  }

  @Test
  void aFollowerThatStoppedInsideARevisionGetsTheRestOfItOnce() {
    try (InMemoryStateStore store = new InMemoryStateStore()) {
      ChangeFeed feed = ChangeFeed.of(store);
      ChangeCursor start = feed.now(EnumSet.of(ChangeKind.INSTANCE, ChangeKind.WORKLOAD));
      Instance a = Fixtures.instance("web", "a1");
      Instance b = Fixtures.instance("web", "b2");
      // One commit, one revision, two instances.
      long revision = store.commit(List.of(WriteOp.create(a), WriteOp.create(b)));

      List<Change> first = new CopyOnWriteArrayList<>();
      try (ChangeFeed.Subscription s = feed.follow(start, first::add)) {
        Await.until("two instances (seen " + first + ")", () -> first.size() >= 2);
      }
      assertThat(first).extracting(Change::revision).containsExactly(revision, revision);
      // The follower stopped after the first of the two.
      ChangeCursor afterOne = start.advance(ChangeKind.INSTANCE, revision);
      assertThat(afterOne.toString()).contains("instance:" + revision + ".1");

      store.create(Fixtures.workload("web"));
      List<Change> resumed = new CopyOnWriteArrayList<>();
      try (ChangeFeed.Subscription s = feed.follow(afterOne, resumed::add)) {
        Await.until("the rest (seen " + resumed + ")", () -> resumed.size() >= 2);
      }
      assertThat(resumed)
          .extracting(c -> c.kind() + " " + c.name())
          .containsExactlyInAnyOrder("INSTANCE " + first.get(1).name(), "WORKLOAD web");
      assertThat(resumed).allMatch(c -> c.type() == Change.Type.PUT && c.object() != null);
    }
  }

  @Test
  void aCursorAheadOfTheStoreIsToldToRelist() {
    try (InMemoryStateStore store = new InMemoryStateStore()) {
      List<Change> seen = new CopyOnWriteArrayList<>();
      ChangeFeed.of(store)
          .follow(ChangeCursor.after(EnumSet.of(ChangeKind.NODE), store.revision() + 5), seen::add)
          .close();
      assertThat(seen).singleElement().extracting(Change::type).isEqualTo(Change.Type.RELIST);
      assertThat(seen.get(0).reason()).contains("it comes from another store");
    }
  }
}
