package dev.aino.api.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.ChangeFeed;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.store.ObjectKind;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.Fixtures;
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
}
