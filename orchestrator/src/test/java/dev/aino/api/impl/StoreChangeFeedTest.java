package dev.aino.api.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.ChangeFeed;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.store.ObjectKind;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Fixtures;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
      awaitSize(seen, 5);

      assertThat(seen)
          .containsExactlyInAnyOrder(
              ObjectRef.workload("web"),
              ObjectRef.instance(instance.id()),
              ObjectRef.node("n1"),
              ObjectRef.instance(instance.id()),
              ObjectRef.workload("web"));

      subscription.close();
      store.create(Fixtures.workload("later"));
      Thread.sleep(200);
      assertThat(seen).hasSize(5);
    }
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
