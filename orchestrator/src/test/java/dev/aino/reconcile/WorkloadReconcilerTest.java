package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.DesiredState;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.ObjectRef;
import dev.aino.model.Workload;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Fixtures;
import dev.aino.testing.MutableClock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One reconcile of one workload, on a cache fed by hand (not started, so no watch runs): what it
 * writes, what it tells the scheduler and which event it records.
 */
class WorkloadReconcilerTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final ClusterCache cache = new ClusterCache(store);
  private final AtomicInteger wakeUps = new AtomicInteger();
  private final WorkloadReconciler reconciler =
      new WorkloadReconciler(
          store,
          cache,
          new WorkloadPlanner(new InstanceIds(new Random(7))),
          new MutableClock(),
          wakeUps::incrementAndGet);

  @AfterEach
  void close() {
    cache.close();
    store.close();
  }

  private <T extends dev.aino.model.StoredObject<T>> T stored(T object) {
    T created = store.create(object);
    cache.observe(created);
    return created;
  }

  private List<Event> events(String workload) {
    return store.events(ObjectRef.workload(workload));
  }

  @Test
  void missingReplicasAreCreatedPendingTheSchedulerIsWokenAndTheEventSaysSo() {
    stored(Workload.create("web", Fixtures.spec(2), Fixtures.T0));

    assertThat(reconciler.reconcile("web")).isNull();

    List<Instance> created = store.instancesOf("web");
    assertThat(created).hasSize(2).allMatch(i -> i.phase() == InstancePhase.PENDING);
    assertThat(cache.instancesOf("web")).containsExactlyInAnyOrderElementsOf(created);
    assertThat(wakeUps).hasValue(1);
    assertThat(events("web"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.NORMAL);
              assertThat(e.reason()).isEqualTo("Reconciled");
              assertThat(e.message()).isEqualTo("created 2; 2 desired");
            });

    // Converged: a second pass writes nothing, wakes nobody and says nothing.
    long revision = store.revision();
    assertThat(reconciler.reconcile("web")).isNull();
    assertThat(store.revision()).isEqualTo(revision);
    assertThat(wakeUps).hasValue(1);
    assertThat(events("web")).singleElement().extracting(Event::count).isEqualTo(1L);
  }

  @Test
  void scalingDownStopsWithoutWakingTheScheduler() {
    Workload web = stored(Workload.create("web", Fixtures.spec(2), Fixtures.T0));
    reconciler.reconcile("web");
    cache.observe(store.update(web.withSpec(Fixtures.spec(1))));

    reconciler.reconcile("web");

    assertThat(store.instancesOf("web"))
        .filteredOn(i -> i.desired() == DesiredState.STOP)
        .hasSize(1);
    assertThat(wakeUps).hasValue(1);
    assertThat(events("web"))
        .filteredOn(e -> e.message().equals("stopping 1; 1 desired"))
        .singleElement()
        .extracting(Event::reason)
        .isEqualTo("Reconciled");
  }

  @Test
  void aDeletingWorkloadStopsItsInstancesThenIsDeletedOnceNoneIsLeft() {
    Workload web = stored(Workload.create("web", Fixtures.spec(1), Fixtures.T0));
    reconciler.reconcile("web");
    Workload deleting = store.update(web.markedForDeletion(Fixtures.T0));
    cache.observe(deleting);

    reconciler.reconcile("web");
    Instance stopped = store.instancesOf("web").get(0);
    assertThat(stopped.desired()).isEqualTo(DesiredState.STOP);
    // It never reached a node, so it ended right away.
    assertThat(stopped.phase()).isEqualTo(InstancePhase.TERMINATED);
    assertThat(store.workload("web")).isPresent();
    assertThat(events("web"))
        .filteredOn(e -> e.reason().equals("Deleting"))
        .singleElement()
        .extracting(Event::message)
        .isEqualTo("stopping 1; 1 desired");

    reconciler.reconcile("web"); // removes the ended instance
    assertThat(store.instancesOf("web")).isEmpty();
    assertThat(store.workload("web")).isPresent();

    reconciler.reconcile("web"); // nothing left: the workload goes
    assertThat(store.workload("web")).isEmpty();
    assertThat(cache.workload("web")).isEmpty();
    assertThat(events("web"))
        .filteredOn(e -> e.reason().equals("Deleted"))
        .singleElement()
        .extracting(Event::message)
        .isEqualTo("workload deleted");
  }

  @Test
  void instancesLeftWithoutAWorkloadAreRemovedWithoutAnEvent() {
    Instance ended =
        stored(
            Fixtures.instance("gone", "a").toBuilder()
                .transition(InstancePhase.TERMINATED, "Test", "ended")
                .build());
    assertThat(ended.phase().isTerminal()).isTrue();

    reconciler.reconcile("gone");

    assertThat(store.instancesOf("gone")).isEmpty();
    assertThat(cache.instancesOf("gone")).isEmpty();
    assertThat(events("gone")).isEmpty();
    assertThat(wakeUps).hasValue(0);
  }
}
