package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.ObjectRef;
import dev.aino.model.RuntimeInfo;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Fixtures;
import dev.aino.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node state machine on a clock the test moves: READY, SUSPECT, DOWN by heartbeat age, then
 * instances LOST, and back to READY. No timing is involved, so a slow machine cannot change the
 * outcome; the control-loop tests show the same on real time.
 */
class NodeLifecycleTest {
  private static final Duration SUSPECT = Duration.ofSeconds(15);
  private static final Duration DOWN = Duration.ofSeconds(40);
  private static final Duration LOST = Duration.ofSeconds(60);
  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final RuntimeInfo RUNTIME = new RuntimeInfo("simulated", "1", false);

  private final InMemoryStateStore store = new InMemoryStateStore();
  private final ClusterCache cache = new ClusterCache(store).start();
  private final MutableClock clock = new MutableClock();

  /** What the gossip group says, set by the test. */
  private final Map<String, MemberState> gossip = new HashMap<>();

  private final NodeLifecycle lifecycle =
      new NodeLifecycle(
          store,
          cache,
          clock,
          SUSPECT,
          DOWN,
          LOST,
          GRACE,
          node -> Optional.ofNullable(gossip.get(node)));

  /** Nodes whose agent keeps sending heartbeats. */
  private final Set<String> alive = new HashSet<>();

  @AfterEach
  void close() {
    cache.close();
    store.close();
  }

  @Test
  void aSilentNodeBecomesSuspectThenDownAtTheExactAgesAndItsInstancesAreLostAfterTheGrace() {
    heartbeat("n1", clock.instant());
    Instance running = onNode("web", "a1", "n1", InstancePhase.RUNNING);
    Instance ended = onNode("web", "a2", "n1", InstancePhase.SUCCEEDED);
    heartbeat("n2", clock.instant());
    alive.add("n2");
    Instance elsewhere = onNode("web", "b1", "n2", InstancePhase.RUNNING);
    Instant lastHeartbeat = clock.instant();

    checkAt(lastHeartbeat.plus(SUSPECT).minusMillis(1));
    assertThat(status("n1")).isEqualTo(NodeStatus.READY);
    assertThat(store.events(ObjectRef.node("n1"))).isEmpty();

    checkAt(lastHeartbeat.plus(SUSPECT));
    assertThat(status("n1")).isEqualTo(NodeStatus.SUSPECT);
    assertThat(latestEvent("n1"))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("NodeSuspect");
              assertThat(e.type()).isEqualTo(EventType.WARNING);
              assertThat(e.message()).isEqualTo("no heartbeat for 15s; node is SUSPECT");
            });

    checkAt(lastHeartbeat.plus(DOWN).minusMillis(1));
    assertThat(status("n1")).isEqualTo(NodeStatus.SUSPECT);

    checkAt(lastHeartbeat.plus(DOWN));
    assertThat(status("n1")).isEqualTo(NodeStatus.DOWN);
    assertThat(latestEvent("n1").reason()).isEqualTo("NodeDown");

    checkAt(lastHeartbeat.plus(LOST).minusMillis(1));
    assertThat(phase(running)).as("still within the grace period").isEqualTo(InstancePhase.RUNNING);

    checkAt(lastHeartbeat.plus(LOST));
    Instance lost = store.instance(running.id()).orElseThrow();
    assertThat(lost.phase()).isEqualTo(InstancePhase.LOST);
    assertThat(lost.reason()).isEqualTo("NodeLost");
    assertThat(lost.message()).isEqualTo("node n1 has been down for 60s");
    assertThat(lost.ready()).isFalse();
    assertThat(phase(ended))
        .as("an ended instance stays as it ended")
        .isEqualTo(InstancePhase.SUCCEEDED);
    assertThat(latestEvent("n1"))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("InstancesLost");
              assertThat(e.message())
                  .isEqualTo("1 instance on the down node is being replaced elsewhere");
            });

    // n2 kept sending heartbeats all along: nothing of it changed.
    assertThat(status("n2")).isEqualTo(NodeStatus.READY);
    assertThat(phase(elsewhere)).isEqualTo(InstancePhase.RUNNING);
    assertThat(store.events(ObjectRef.node("n2"))).isEmpty();
  }

  @Test
  void aNodeTheGossipGroupCallsDeadIsDownAtOnceButKeepsItsInstancesWhileItsHeartbeatsArrive() {
    heartbeat("n1", clock.instant());
    alive.add("n1");
    Instance running = onNode("web", "a1", "n1", InstancePhase.RUNNING);
    Instant start = clock.instant();
    gossip.put("n1", new MemberState(MemberState.Liveness.SUSPECT, start));

    checkAt(start.plusSeconds(1));
    assertThat(status("n1")).isEqualTo(NodeStatus.SUSPECT);
    assertThat(latestEvent("n1").message())
        .isEqualTo("the gossip group reports the node suspect; node is SUSPECT");

    gossip.put("n1", new MemberState(MemberState.Liveness.DEAD, start.plusSeconds(1)));
    checkAt(start.plusSeconds(2));
    assertThat(status("n1")).isEqualTo(NodeStatus.DOWN);
    assertThat(latestEvent("n1"))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("NodeDown");
              assertThat(e.message())
                  .isEqualTo("the gossip group reports the node dead; node is DOWN");
            });

    // A false positive: the heartbeats keep coming, so the instances are never replaced.
    checkAt(start.plus(LOST).plus(LOST));
    assertThat(status("n1")).isEqualTo(NodeStatus.DOWN);
    assertThat(phase(running)).isEqualTo(InstancePhase.RUNNING);

    gossip.put("n1", new MemberState(MemberState.Liveness.ALIVE, clock.instant()));
    checkAt(clock.instant().plusSeconds(1));
    assertThat(status("n1")).isEqualTo(NodeStatus.READY);
  }

  @Test
  void whenTheHeartbeatAndTheGossipGroupAgreeTheHeartbeatIsNamed() {
    heartbeat("n1", clock.instant());
    Instant lastHeartbeat = clock.instant();
    gossip.put("n1", new MemberState(MemberState.Liveness.SUSPECT, lastHeartbeat));

    checkAt(lastHeartbeat.plus(SUSPECT));

    assertThat(status("n1")).isEqualTo(NodeStatus.SUSPECT);
    assertThat(latestEvent("n1").message()).isEqualTo("no heartbeat for 15s; node is SUSPECT");
  }

  @Test
  void aDeadNodesInstancesAreLostOnceTheGraceHasPassedWithoutAHeartbeat() {
    heartbeat("n1", clock.instant());
    Instance running = onNode("web", "a1", "n1", InstancePhase.RUNNING);
    Instant lastHeartbeat = clock.instant();
    Instant dead = lastHeartbeat.plusSeconds(3);
    gossip.put("n1", new MemberState(MemberState.Liveness.DEAD, dead));

    checkAt(dead);
    assertThat(status("n1")).isEqualTo(NodeStatus.DOWN);
    checkAt(dead.plus(GRACE).minusMillis(1));
    assertThat(phase(running)).as("within the grace").isEqualTo(InstancePhase.RUNNING);

    checkAt(dead.plus(GRACE));
    assertThat(phase(running))
        .as("replaced 13 s after its last heartbeat instead of the heartbeat-only 60 s")
        .isEqualTo(InstancePhase.LOST);
  }

  @Test
  void aHeartbeatAfterTheGossipGroupCalledANodeDeadKeepsItsInstances() {
    heartbeat("n1", clock.instant());
    Instance running = onNode("web", "a1", "n1", InstancePhase.RUNNING);
    Instant dead = clock.instant().plusSeconds(3);
    gossip.put("n1", new MemberState(MemberState.Liveness.DEAD, dead));
    checkAt(dead);
    // One heartbeat gets through after the claim (a blip between servers, not a dead agent).
    heartbeat("n1", dead.plusSeconds(2));

    checkAt(dead.plus(GRACE).plus(GRACE));
    assertThat(status("n1")).isEqualTo(NodeStatus.DOWN);
    assertThat(phase(running)).isEqualTo(InstancePhase.RUNNING);
  }

  @Test
  void aNodeWhoseHeartbeatsResumeIsReadyAgainAndSaysSo() {
    heartbeat("n1", clock.instant());
    checkAt(clock.instant().plus(DOWN));
    assertThat(status("n1")).isEqualTo(NodeStatus.DOWN);

    heartbeat("n1", clock.instant());
    lifecycle.check();

    assertThat(status("n1")).isEqualTo(NodeStatus.READY);
    Event ready = latestEvent("n1");
    assertThat(ready.reason()).isEqualTo("NodeReady");
    assertThat(ready.type()).isEqualTo(EventType.NORMAL);
    assertThat(ready.message()).isEqualTo("heartbeats resumed; node is READY");
  }

  @Test
  void aNodeThatNeverSentAHeartbeatIsLeftAsItIs() {
    cache.observe(store.create(Fixtures.node("manual")));
    Instance instance = onNode("web", "m1", "manual", InstancePhase.RUNNING);

    checkAt(clock.instant().plus(LOST).plus(LOST));

    assertThat(status("manual")).isEqualTo(NodeStatus.READY);
    assertThat(phase(instance)).isEqualTo(InstancePhase.RUNNING);
    assertThat(store.events(ObjectRef.node("manual"))).isEmpty();
  }

  @Test
  void checkingAgainChangesNothingMore() {
    heartbeat("n1", clock.instant());
    onNode("web", "a1", "n1", InstancePhase.RUNNING);
    checkAt(clock.instant().plus(LOST));
    long revision = store.revision();
    Event lost = latestEvent("n1");

    lifecycle.check();

    assertThat(store.revision()).isEqualTo(revision);
    assertThat(latestEvent("n1").count()).isEqualTo(lost.count());
  }

  /** Moves the clock to {@code at}; the nodes in {@link #alive} send a heartbeat; checks once. */
  private void checkAt(Instant at) {
    clock.set(at);
    alive.forEach(node -> heartbeat(node, at));
    lifecycle.check();
  }

  private void heartbeat(String node, Instant at) {
    Node current = store.node(node).orElse(null);
    // As the agent does: stamps the time and leaves the status to the control plane.
    Node next = (current == null ? Fixtures.node(node) : current).withHeartbeat(at, RUNTIME);
    cache.observe(current == null ? store.create(next) : store.update(next));
  }

  private Instance onNode(String workload, String suffix, String node, InstancePhase phase) {
    Instance created =
        store.create(
            Fixtures.instance(workload, suffix).toBuilder()
                .node(node)
                .transition(phase, "Test", "placed by the test")
                .build());
    cache.observe(created);
    return created;
  }

  private NodeStatus status(String node) {
    return store.node(node).orElseThrow().status();
  }

  private InstancePhase phase(Instance instance) {
    return store.instance(instance.id()).orElseThrow().phase();
  }

  /** The event the store recorded last about the node. */
  private Event latestEvent(String node) {
    List<Event> events = store.events(ObjectRef.node(node));
    assertThat(events).as("events of node " + node).isNotEmpty();
    return events.stream().max(Comparator.comparingLong(Event::revision)).orElseThrow();
  }
}
