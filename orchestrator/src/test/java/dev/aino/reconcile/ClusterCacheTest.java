package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Workload;
import dev.aino.store.ObjectKind;
import dev.aino.store.StoreOptions;
import dev.aino.store.WriteOp;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controllers' local copy of the cluster: every entry only moves forward in revision, whether
 * it comes from the watch or from this process's own writes, and listeners hear of each change once
 * with what it replaced.
 */
class ClusterCacheTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final ClusterCache cache = new ClusterCache(store);
  private final List<ClusterCache.Change> changes = new ArrayList<>();

  ClusterCacheTest() {
    cache.addListener(changes::add);
  }

  @AfterEach
  void close() {
    cache.close();
    store.close();
  }

  private static Instance instance(String suffix, long revision) {
    return Fixtures.instance("web", suffix).withRevision(revision);
  }

  @Test
  void anInstanceOfTheSameOrAnOlderRevisionIsIgnored() {
    Instance first = instance("a", 5);
    cache.observe(first);
    cache.observe(first.toBuilder().node("n1").build()); // same revision 5
    cache.observe(first.toBuilder().node("n2").revision(4).build());

    assertThat(cache.instance("web-a")).contains(first);
    assertThat(cache.instancesOf("web")).containsExactly(first);
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0))
        .isEqualTo(new ClusterCache.Change(ObjectKind.INSTANCES, "web/web-a", first, null));

    Instance newer = first.toBuilder().node("n1").revision(6).build();
    cache.observe(newer);
    assertThat(cache.instance("web-a")).contains(newer);
    assertThat(cache.instancesOf("web")).containsExactly(newer);
    assertThat(changes.get(1))
        .isEqualTo(new ClusterCache.Change(ObjectKind.INSTANCES, "web/web-a", newer, first));
  }

  @Test
  void aWorkloadOrNodeOfTheSameOrAnOlderRevisionIsIgnored() {
    Workload workload = Fixtures.workload("web").withRevision(5);
    cache.observe(workload);
    cache.observe(workload.withSpec(Fixtures.spec(3))); // same revision 5
    cache.observe(workload.withSpec(Fixtures.spec(4)).withRevision(4));
    assertThat(cache.workload("web")).contains(workload);

    Node node = Fixtures.node("n1").withRevision(5);
    cache.observe(node);
    cache.observe(node.withStatus(NodeStatus.DOWN)); // same revision 5
    cache.observe(node.withStatus(NodeStatus.SUSPECT).withRevision(4));
    assertThat(cache.node("n1")).contains(node);
    assertThat(cache.nodes()).containsExactly(node);
    assertThat(changes)
        .containsExactly(
            new ClusterCache.Change(ObjectKind.WORKLOADS, "web", workload, null),
            new ClusterCache.Change(ObjectKind.NODES, "n1", node, null));

    Workload scaled = workload.withSpec(Fixtures.spec(3)).withRevision(6);
    Node down = node.withStatus(NodeStatus.DOWN).withRevision(6);
    cache.observe(scaled);
    cache.observe(down);
    assertThat(cache.workload("web")).contains(scaled);
    assertThat(cache.workloads()).containsExactly(scaled);
    assertThat(cache.node("n1")).contains(down);
    assertThat(changes.subList(2, 4))
        .containsExactly(
            new ClusterCache.Change(ObjectKind.WORKLOADS, "web", scaled, workload),
            new ClusterCache.Change(ObjectKind.NODES, "n1", down, node));
  }

  @Test
  void aDeletionOnlyRemovesWhatIsOlderThanIt() {
    Instance a = instance("a", 5);
    Instance b = instance("b", 7);
    Workload workload = Fixtures.workload("web").withRevision(5);
    Node node = Fixtures.node("n1").withRevision(5);
    cache.observe(a);
    cache.observe(b);
    cache.observe(workload);
    cache.observe(node);
    changes.clear();

    // A deletion at the revision the cache holds, or before it, is stale: it was written again.
    cache.observeDelete(ObjectKind.INSTANCES, "web/web-a", 5);
    cache.observeDelete(ObjectKind.WORKLOADS, "web", 5);
    cache.observeDelete(ObjectKind.NODES, "n1", 4);
    cache.observeDelete(ObjectKind.INSTANCES, "web/web-missing", 9);
    cache.observeDelete(ObjectKind.EVENTS, "anything", 9);
    assertThat(cache.instance("web-a")).contains(a);
    assertThat(cache.workload("web")).contains(workload);
    assertThat(cache.node("n1")).contains(node);
    assertThat(changes).isEmpty();

    cache.observeDelete(ObjectKind.INSTANCES, "web/web-a", 6);
    cache.observeDelete(ObjectKind.WORKLOADS, "web", 6);
    cache.observeDelete(ObjectKind.NODES, "n1", 6);
    assertThat(cache.instance("web-a")).isEmpty();
    assertThat(cache.instancesOf("web")).containsExactly(b);
    assertThat(cache.instances()).containsExactly(b);
    assertThat(cache.workload("web")).isEmpty();
    assertThat(cache.node("n1")).isEmpty();
    assertThat(changes)
        .containsExactly(
            new ClusterCache.Change(ObjectKind.INSTANCES, "web/web-a", null, a),
            new ClusterCache.Change(ObjectKind.WORKLOADS, "web", null, workload),
            new ClusterCache.Change(ObjectKind.NODES, "n1", null, node));

    cache.observeDelete(ObjectKind.INSTANCES, "web/web-b", 8);
    assertThat(cache.instancesOf("web")).isEmpty();
  }

  @Test
  void unplacedInstancesArePendingOnNoNodeAndToRunInTheOrderTheyArrived() {
    Instance second = instance("b", 3);
    Instance first = instance("a", 4);
    Instance stopping = instance("c", 5).toBuilder().desired(DesiredState.STOP).build();
    Instance placed = instance("d", 6).toBuilder().node("n1").build();
    Instance running = instance("e", 7).toBuilder().phase(InstancePhase.RUNNING).build();
    for (Instance i : List.of(second, first, stopping, placed, running)) {
      cache.observe(i);
    }

    assertThat(cache.unplacedInstances()).containsExactly(second, first);
    assertThat(ClusterCache.isUnplaced(second)).isTrue();
    assertThat(ClusterCache.isUnplaced(stopping)).isFalse();
    assertThat(ClusterCache.isUnplaced(placed)).isFalse();
    assertThat(ClusterCache.isUnplaced(running)).isFalse();

    cache.observe(second.toBuilder().node("n1").revision(8).build()); // scheduled
    cache.observeDelete(ObjectKind.INSTANCES, "web/web-a", 9);
    assertThat(cache.unplacedInstances()).isEmpty();
  }

  @Test
  void aFailingListenerDoesNotKeepTheOthersFromHearing() {
    List<ClusterCache.Change> later = new ArrayList<>();
    ClusterCache fresh = new ClusterCache(store);
    fresh.addListener(
        change -> {
          throw new IllegalStateException("listener broke");
        });
    fresh.addListener(later::add);

    fresh.observe(instance("a", 1));

    assertThat(later).hasSize(1);
    assertThat(fresh.instance("web-a")).isPresent();
  }

  @Test
  void startingListsWhatIsStoredAndTheWatchBringsLaterWrites() throws Exception {
    Node node = store.create(Fixtures.node("n1"));
    Workload workload = store.create(Fixtures.workload("web"));
    Instance before = store.create(Fixtures.instance("web", "a"));
    cache.start();
    assertThat(cache.awaitSynced(10, TimeUnit.SECONDS)).isTrue();
    assertThat(cache.node("n1")).contains(node);
    assertThat(cache.workload("web")).contains(workload);
    assertThat(cache.instance("web-a")).contains(before);

    Instance after = store.create(Fixtures.instance("web", "b"));
    store.delete(ObjectKind.NODES, "n1", node.revision());
    Await.until(
        "the watch brings the new instance and the node's deletion",
        () -> cache.instance("web-b").isPresent() && cache.node("n1").isEmpty());
    assertThat(cache.instance("web-b")).contains(after);
    assertThat(cache.node("n1")).isEmpty();
    assertThat(cache.unplacedInstances()).containsExactly(before, after);
  }

  @Test
  void aWatchThatMustRelistBringsTheCacheToTheStoreAgainDroppingWhatWasDeleted() throws Exception {
    // One pending change per watch: a commit of several changes makes every watch relist.
    StoreOptions options = new StoreOptions(Duration.ofHours(1), 100, 100, 1, Clock.systemUTC());
    try (InMemoryStateStore small = new InMemoryStateStore(options);
        ClusterCache followed = new ClusterCache(small)) {
      Node gone = small.create(Fixtures.node("gone"));
      Workload old = small.create(Fixtures.workload("old"));
      Instance removed = small.create(Fixtures.instance("old", "a"));
      assertThat(followed.awaitSynced(0, TimeUnit.SECONDS)).isFalse();
      followed.start();
      assertThat(followed.awaitSynced(10, TimeUnit.SECONDS)).isTrue();
      assertThat(followed.instance(removed.id())).contains(removed);

      long at =
          small.commit(
              List.of(
                  new WriteOp.Delete(ObjectKind.INSTANCES, removed.storeKey(), removed.revision()),
                  new WriteOp.Delete(ObjectKind.WORKLOADS, "old", old.revision()),
                  new WriteOp.Delete(ObjectKind.NODES, "gone", gone.revision()),
                  WriteOp.create(Fixtures.node("n1")),
                  WriteOp.create(Fixtures.workload("web")),
                  WriteOp.create(Fixtures.instance("web", "b")),
                  WriteOp.create(Fixtures.instance("web", "c"))));

      Await.until(
          "the relisted cache to match the store",
          () ->
              followed.instances().size() == 2
                  && followed.workload("web").isPresent()
                  && followed.node("n1").isPresent()
                  && followed.workload("old").isEmpty()
                  && followed.node("gone").isEmpty());
      assertThat(followed.instance(removed.id())).isEmpty();
      assertThat(followed.instancesOf("old")).isEmpty();
      assertThat(followed.instance("web-b").orElseThrow().revision()).isEqualTo(at);

      // And it follows from the relist on.
      Instance later = small.create(Fixtures.instance("web", "d"));
      Await.until("the write after the relist", () -> followed.instance("web-d").isPresent());
      assertThat(followed.instance("web-d")).contains(later);
    }
  }
}
