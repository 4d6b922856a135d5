package dev.aino.agent;

import static dev.aino.agent.AgentHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.Caller;
import dev.aino.metrics.Metrics;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.ObjectRef;
import dev.aino.model.StoredObject;
import dev.aino.model.Workload;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.store.ListResult;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.Watch;
import dev.aino.store.WatchListener;
import dev.aino.store.WriteOp;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
  private static final class CountingStore implements StateStore {
    final AtomicInteger instanceReads = new AtomicInteger();
    final AtomicInteger instanceWatches = new AtomicInteger();
    private final StateStore inner;
    private final Thread test = Thread.currentThread();

    CountingStore(StateStore inner) {
      this.inner = inner;
    }

    private boolean byAgent() {
      return Thread.currentThread() != test;
    }

    @Override
    public String backend() {
      return inner.backend();
    }

    @Override
    public void reportTo(Metrics metrics) {
      inner.reportTo(metrics);
    }

    @Override
    public long revision() {
      return inner.revision();
    }

    @Override
    public <T extends StoredObject<T>> Optional<T> get(ObjectKind<T> kind, String key) {
      if (kind == ObjectKind.INSTANCES && byAgent()) {
        instanceReads.incrementAndGet();
      }
      return inner.get(kind, key);
    }

    @Override
    public <T extends StoredObject<T>> ListResult<T> list(ObjectKind<T> kind) {
      return inner.list(kind);
    }

    @Override
    public <T extends StoredObject<T>> ListResult<T> list(ObjectKind<T> kind, String keyPrefix) {
      return inner.list(kind, keyPrefix);
    }

    @Override
    public <T extends StoredObject<T>> T create(T object) {
      return inner.create(object);
    }

    @Override
    public <T extends StoredObject<T>> T update(T object) {
      return inner.update(object);
    }

    @Override
    public <T extends StoredObject<T>> T put(T object) {
      return inner.put(object);
    }

    @Override
    public void delete(ObjectKind<?> kind, String key, long expectedRevision) {
      inner.delete(kind, key, expectedRevision);
    }

    @Override
    public long commit(List<WriteOp> ops) {
      return inner.commit(ops);
    }

    @Override
    public <T extends StoredObject<T>> Watch watch(
        ObjectKind<T> kind, long fromRevision, WatchListener<T> listener) {
      if (kind == ObjectKind.INSTANCES && byAgent()) {
        instanceWatches.incrementAndGet();
      }
      return inner.watch(kind, fromRevision, listener);
    }

    @Override
    public ListResult<Instance> listNodeInstances(String node) {
      return inner.listNodeInstances(node);
    }

    @Override
    public Watch watchNodeInstances(
        String node, long fromRevision, WatchListener<Instance> listener) {
      return inner.watchNodeInstances(node, fromRevision, listener);
    }

    @Override
    public Event recordEvent(
        ObjectRef object, EventType type, String reason, String message, Instant at, Caller actor) {
      return inner.recordEvent(object, type, reason, message, at, actor);
    }

    @Override
    public List<Event> events(ObjectRef object) {
      return inner.events(object);
    }

    @Override
    public List<Event> events() {
      return inner.events();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
