package dev.aino.agent;

import static dev.aino.agent.AgentHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.StoredObject;
import dev.aino.model.Workload;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.store.ForwardingStateStore;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.Watch;
import dev.aino.store.WatchListener;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent follows its own node's instances only, and acts on the copies its feed delivered: no
 * watch of every instance in the cluster, no read of the instance per change.
 */
class NodeAgentFeedTest {
  private AgentHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void anAgentWatchesItsNodeOnlyAndReadsNoInstancePerChange() {
    CountingStore counting = new CountingStore(new InMemoryStateStore());
    h =
        new AgentHarness(
            counting, new SimulatedRuntime(), AgentHarness.fastConfig().build(), Clock.systemUTC());
    h.startAgent();
    Workload web = h.workload("web", spec("sleep", "3600").build());
    for (int i = 0; i < 20; i++) {
      h.store.create(AgentHarness.placed(web, "other" + i, "node-b"));
    }
    List<Instance> mine =
        List.of(h.schedule(web, "a1"), h.schedule(web, "a2"), h.schedule(web, "a3"));
    for (Instance instance : mine) {
      h.awaitPhase(instance.id(), InstancePhase.RUNNING);
    }
    h.store.delete(ObjectKind.INSTANCES, mine.get(0).storeKey(), StateStore.ANY_REVISION);
    Await.until(
        "the deleted instance's container is removed",
        Duration.ofSeconds(10),
        () -> h.runtime.list().size() == 2);

    assertThat(counting.instanceWatches.get()).as("watches of every instance").isZero();
    assertThat(counting.instanceReads.get()).as("instance reads").isZero();
    assertThat(h.runtime.list()).hasSize(2);
  }

  /**
   * A store that counts the instance reads and watches made through it by any thread but the test's
   * own (whose waits read instances), and does them.
   */
  private static final class CountingStore extends ForwardingStateStore {
    final AtomicInteger instanceReads = new AtomicInteger();
    final AtomicInteger instanceWatches = new AtomicInteger();
    private final Thread test = Thread.currentThread();

    CountingStore(StateStore inner) {
      super(inner);
    }

    private boolean byAgent() {
      return Thread.currentThread() != test;
    }

    @Override
    public <T extends StoredObject<T>> Optional<T> get(ObjectKind<T> kind, String key) {
      if (kind == ObjectKind.INSTANCES && byAgent()) {
        instanceReads.incrementAndGet();
      }
      return inner.get(kind, key);
    }

    @Override
    public <T extends StoredObject<T>> Watch watch(
        ObjectKind<T> kind, long fromRevision, WatchListener<T> listener) {
      if (kind == ObjectKind.INSTANCES && byAgent()) {
        instanceWatches.incrementAndGet();
      }
      return inner.watch(kind, fromRevision, listener);
    }
  }
}
