package dev.aino.agent;

import static dev.aino.agent.AgentHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.error.ConflictException;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.ObjectRef;
import dev.aino.model.RestartPolicy;
import dev.aino.model.Workload;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.WriteOp;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Await;
import dev.aino.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent survives its own restart, keeps its node record, and recovers from watch gaps. */
class NodeAgentRecoveryTest {
  private AgentHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aRestartedAgentAdoptsRunningContainersAndRemovesOrphans() {
    h = AgentHarness.start();
    Workload web = h.workload("web", spec("sleep", "3600").build());
    Instance kept = h.awaitPhase(h.schedule(web, "a1").id(), InstancePhase.RUNNING);
    Instance deleted = h.awaitPhase(h.schedule(web, "b1").id(), InstancePhase.RUNNING);

    h.agent.close();
    h.store.delete(ObjectKind.INSTANCES, deleted.storeKey(), StateStore.ANY_REVISION);
    ContainerHandle stray =
        h.runtime.start(
            ContainerSpec.of(AgentHarness.placed(web, "zz", AgentHarness.NODE), web.spec()));
    h.startAgent();

    Event orphan = h.awaitEvent(deleted.id(), "OrphanRemoved");
    assertThat(orphan.message()).contains(deleted.containerId()).contains("no longer exists");
    h.awaitEvent(stray.instanceId(), "OrphanRemoved");
    assertThat(h.awaitEvent(kept.id(), "Adopted").message()).contains(kept.containerId());
    assertThat(h.runtime.list())
        .singleElement()
        .extracting(ContainerHandle::containerId)
        .isEqualTo(kept.containerId());
    Instance after = h.store.instance(kept.id()).orElseThrow();
    assertThat(after.phase()).isEqualTo(InstancePhase.RUNNING);
    assertThat(after.containerId()).isEqualTo(kept.containerId());
    assertThat(after.restartCount()).isZero();
  }

  @Test
  void aContainerThatEndedWhileTheAgentWasAwayIsHandledOnRestart() {
    h = AgentHarness.start();
    Workload job =
        h.workload("job", spec("sleep", "3600").restartPolicy(RestartPolicy.NEVER).build());
    Instance running = h.awaitPhase(h.schedule(job, "a1").id(), InstancePhase.RUNNING);

    h.agent.close();
    h.runtime.crash(running.containerId(), 4);
    h.startAgent();

    Instance failed = h.awaitPhase(running.id(), InstancePhase.FAILED);
    assertThat(failed.exitCode()).isEqualTo(4);
    assertThat(failed.containerId()).isEqualTo(running.containerId());
  }

  @Test
  void aContainerStartedButNeverRecordedIsReplacedNotDuplicated() {
    h = AgentHarness.start();
    Workload web = h.workload("web", spec("sleep", "3600").build());
    h.agent.close();
    // The agent died after starting a container but before recording its id.
    Instance starting =
        h.store.create(
            AgentHarness.placed(web, "a1", AgentHarness.NODE).toBuilder()
                .transition(InstancePhase.STARTING, "Starting", "starting")
                .build());
    ContainerHandle unrecorded = h.runtime.start(ContainerSpec.of(starting, web.spec()));

    h.startAgent();

    Instance running = h.awaitPhase(starting.id(), InstancePhase.RUNNING);
    assertThat(running.containerId()).isNotEqualTo(unrecorded.containerId());
    assertThat(h.runtime.list())
        .singleElement()
        .extracting(ContainerHandle::containerId)
        .isEqualTo(running.containerId());
    assertThat(h.awaitEvent(starting.id(), "OrphanRemoved").message())
        .contains("records no container");
  }

  @Test
  void theNodeRegistersAndHeartbeats() {
    MutableClock clock = new MutableClock();
    AgentConfig config =
        AgentHarness.fastConfig().labels(Map.of("zone", "a")).address("127.0.0.1:7071").build();
    h = AgentHarness.start(new SimulatedRuntime(), config, clock);

    Node node = h.store.node(AgentHarness.NODE).orElseThrow();
    assertThat(node.capacity()).isEqualTo(config.capacity());
    assertThat(node.allocatable()).isEqualTo(config.capacity());
    assertThat(node.labels()).containsEntry("zone", "a");
    assertThat(node.address()).isEqualTo("127.0.0.1:7071");
    assertThat(node.runtime().name()).isEqualTo(SimulatedRuntime.NAME);
    assertThat(node.status()).isEqualTo(NodeStatus.READY);
    assertThat(node.schedulable()).isTrue();
    assertThat(node.lastHeartbeat()).isEqualTo(clock.instant());
    Instant registered = clock.instant();
    assertThat(node.registeredAt()).isEqualTo(registered);

    Instant later = clock.advance(Duration.ofSeconds(1));
    awaitHeartbeat(later);
    // A heartbeat moves the heartbeat only: the node's age counts from its registration.
    assertThat(h.store.node(AgentHarness.NODE).orElseThrow().registeredAt()).isEqualTo(registered);
    h.restartAgent();
    awaitHeartbeat(clock.advance(Duration.ofSeconds(1)));
    assertThat(h.store.node(AgentHarness.NODE).orElseThrow().registeredAt()).isEqualTo(registered);
    assertThat(h.store.events(ObjectRef.node(AgentHarness.NODE)))
        .extracting(Event::reason)
        .contains("Registered");
  }

  @Test
  void aCordonAndLabelsSetByTheControlPlaneSurviveHeartbeatsAndAgentRestarts() {
    MutableClock clock = new MutableClock();
    AgentConfig config = AgentHarness.fastConfig().labels(Map.of("zone", "a")).build();
    h = AgentHarness.start(new SimulatedRuntime(), config, clock);

    cordonAsTheControlPlaneWould();
    awaitHeartbeat(clock.advance(Duration.ofSeconds(1)));
    assertCordonKept();

    h.restartAgent();
    awaitHeartbeat(clock.advance(Duration.ofSeconds(1)));
    assertCordonKept();
  }

  @Test
  void theAgentConvergesWhenItsWatchMustRelist() {
    // A watcher may fall at most one change behind, so every batch forces a relist.
    StoreOptions options =
        new StoreOptions(Duration.ofHours(1), 10_000, 100_000, 1, Clock.systemUTC());
    h =
        new AgentHarness(
            new InMemoryStateStore(options),
            new SimulatedRuntime(),
            AgentHarness.fastConfig().build(),
            Clock.systemUTC());
    h.startAgent();
    Workload web = h.workload("web", spec("sleep", "3600").build());
    List<WriteOp> batch = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Instance instance = AgentHarness.placed(web, "i" + i, AgentHarness.NODE);
      batch.add(WriteOp.create(instance));
      ids.add(instance.id());
    }

    h.store.commit(batch);
    ids.forEach(id -> h.awaitPhase(id, InstancePhase.RUNNING));
    List<WriteOp> deletes = new ArrayList<>();
    for (String id : ids) {
      String key = h.store.instance(id).orElseThrow().storeKey();
      deletes.add(new WriteOp.Delete(ObjectKind.INSTANCES, key, StateStore.ANY_REVISION));
    }
    h.store.commit(deletes);

    Await.until(
        "every container to be destroyed (have " + h.runtime.list() + ")",
        () -> h.runtime.list().isEmpty());
  }

  /** A compare-and-swap loop, as heartbeats change the node all the time. */
  private void cordonAsTheControlPlaneWould() {
    while (true) {
      Node node = h.store.node(AgentHarness.NODE).orElseThrow();
      try {
        h.store.update(
            node.withSchedulable(false)
                .withStatus(NodeStatus.SUSPECT)
                .withLabels(Map.of("zone", "a", "disk", "ssd")));
        return;
      } catch (ConflictException raced) {
        // A heartbeat came first: read again.
      }
    }
  }

  private void awaitHeartbeat(Instant at) {
    Await.until(
        "a heartbeat at " + at,
        () -> at.equals(h.store.node(AgentHarness.NODE).orElseThrow().lastHeartbeat()));
  }

  private void assertCordonKept() {
    Node node = h.store.node(AgentHarness.NODE).orElseThrow();
    assertThat(node.schedulable()).isFalse();
    assertThat(node.status()).isEqualTo(NodeStatus.SUSPECT);
    assertThat(node.labels()).containsEntry("disk", "ssd").containsEntry("zone", "a");
  }
}
