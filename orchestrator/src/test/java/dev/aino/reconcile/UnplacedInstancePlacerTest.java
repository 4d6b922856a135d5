package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One scheduling pass, on a cache fed by hand (not started, so no watch runs and the test decides
 * what the pass sees): what it writes on the instances, the events it folds per workload, and what
 * it counts.
 */
class UnplacedInstancePlacerTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final ClusterCache cache = new ClusterCache(store);
  private final UnplacedInstancePlacer placer =
      new UnplacedInstancePlacer(store, cache, new Scheduler(SchedulerConfig.defaults()));

  @AfterEach
  void close() {
    cache.close();
    store.close();
  }

  /** Stores {@code object} and shows it to the cache, as the watch would. */
  private <T extends dev.aino.model.StoredObject<T>> T stored(T object) {
    T created = store.create(object);
    cache.observe(created);
    return created;
  }

  private Workload workload(String name, long memoryMiB) {
    return stored(
        Workload.create(
            name, Fixtures.spec(1).toBuilder().resources(100, memoryMiB).build(), Fixtures.T0));
  }

  private Instance pending(Workload workload, String suffix) {
    return stored(Instance.pending(workload, suffix, Fixtures.T0));
  }

  private List<Event> events(String workload, String reason) {
    return store.events(ObjectRef.workload(workload)).stream()
        .filter(e -> e.reason().equals(reason))
        .toList();
  }

  @Test
  void placesWhatFitsAndLeavesTheRestPendingWithTheReasonOnceEach() {
    stored(Fixtures.node("n1")); // 4000m, 8192 MiB
    Workload web = workload("web", 128);
    Workload big = workload("big", 9000);
    pending(web, "a");
    pending(web, "b");
    Instance tooBig = pending(big, "a");

    UnplacedInstancePlacer.PassResult pass = placer.runOnce();

    assertThat(pass).isEqualTo(new UnplacedInstancePlacer.PassResult(2, 1, 0));
    for (String id : List.of("web-a", "web-b")) {
      Instance placed = store.instance(id).orElseThrow();
      assertThat(placed.node()).isEqualTo("n1");
      assertThat(placed.phase()).isEqualTo(InstancePhase.SCHEDULED);
      assertThat(placed.reason()).isEqualTo("Scheduled");
      assertThat(placed.message()).isEqualTo("assigned to node n1");
      assertThat(cache.instance(id)).contains(placed);
    }
    Event scheduled = events("web", "Scheduled").get(0);
    assertThat(scheduled.type()).isEqualTo(EventType.NORMAL);
    assertThat(scheduled.message()).isEqualTo("placed 2 instances");

    Instance unplaced = store.instance("big-a").orElseThrow();
    assertThat(unplaced.phase()).isEqualTo(InstancePhase.PENDING);
    assertThat(unplaced.node()).isNull();
    assertThat(unplaced.reason()).isEqualTo(InstanceReasons.UNSCHEDULABLE);
    assertThat(unplaced.message()).isEqualTo("0/1 nodes fit: 1 insufficient memory");
    assertThat(unplaced.revision()).isGreaterThan(tooBig.revision());
    Event failed = events("big", "FailedScheduling").get(0);
    assertThat(failed.type()).isEqualTo(EventType.WARNING);
    assertThat(failed.message())
        .isEqualTo("1 instance pending: 0/1 nodes fit: 1 insufficient memory");
    assertThat(events("big", "Scheduled")).isEmpty();
    assertThat(events("web", "FailedScheduling")).isEmpty();

    // Again: the instance already says why, so it is not written again; the event folds.
    assertThat(placer.runOnce()).isEqualTo(new UnplacedInstancePlacer.PassResult(0, 1, 0));
    assertThat(store.instance("big-a").orElseThrow().revision()).isEqualTo(unplaced.revision());
    assertThat(events("big", "FailedScheduling"))
        .singleElement()
        .extracting(Event::count)
        .isEqualTo(2L);
  }

  @Test
  void aChangedReasonIsWrittenAgain() {
    Node small = stored(Node.of("n1", dev.aino.model.Resources.of(4000, 1024)));
    Workload big = workload("big", 2000);
    pending(big, "a");
    placer.runOnce();
    assertThat(store.instance("big-a").orElseThrow().message())
        .isEqualTo("0/1 nodes fit: 1 insufficient memory");

    store.delete(dev.aino.store.ObjectKind.NODES, "n1", small.revision());
    cache.observeDelete(dev.aino.store.ObjectKind.NODES, "n1", store.revision());
    assertThat(placer.runOnce()).isEqualTo(new UnplacedInstancePlacer.PassResult(0, 1, 0));

    assertThat(store.instance("big-a").orElseThrow().message())
        .isEqualTo("0/0 nodes fit: no nodes registered");
  }

  @Test
  void instancesOfADeletingOrMissingWorkloadAreLeftToTheirReconciler() {
    stored(Fixtures.node("n1"));
    Workload web = workload("web", 128);
    Instance orphan = pending(web, "a");
    Workload deleting = workload("old", 128);
    Instance stopping = pending(deleting, "a");
    cache.observe(store.update(deleting.markedForDeletion(Fixtures.T0)));
    store.delete(dev.aino.store.ObjectKind.WORKLOADS, "web", web.revision());
    cache.observeDelete(dev.aino.store.ObjectKind.WORKLOADS, "web", store.revision());

    assertThat(placer.runOnce()).isEqualTo(new UnplacedInstancePlacer.PassResult(0, 0, 0));

    assertThat(store.instance("web-a")).contains(orphan);
    assertThat(store.instance("old-a")).contains(stopping);
  }

  @Test
  void nothingUnplacedIsAnEmptyPass() {
    stored(Fixtures.node("n1"));
    assertThat(placer.runOnce()).isEqualTo(new UnplacedInstancePlacer.PassResult(0, 0, 0));
  }

  @Test
  void aPlacementThatLostARaceIsCountedAsAConflictAndNeitherWrittenNorAnnounced() {
    stored(Fixtures.node("n1"));
    Workload web = workload("web", 128);
    Instance seen = pending(web, "a");
    // Someone else changes it; the cache has not seen that yet.
    Instance changed = store.update(seen.toBuilder().message("changed elsewhere").build());

    assertThat(placer.runOnce()).isEqualTo(new UnplacedInstancePlacer.PassResult(0, 0, 1));

    assertThat(store.instance("web-a")).contains(changed);
    assertThat(events("web", "Scheduled")).isEmpty();
  }
}
