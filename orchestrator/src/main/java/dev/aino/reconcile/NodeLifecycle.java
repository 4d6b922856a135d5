package dev.aino.reconcile;

import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.ObjectRef;
import dev.aino.text.Counts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns heartbeats into node status: a node whose agent is late becomes SUSPECT (no new work), then
 * DOWN; instances on a node that has been DOWN for the grace period are marked LOST, which makes
 * their workloads replace them elsewhere. A node that never sent a heartbeat (registered by hand,
 * or a simulated node of a benchmark) is left as it is.
 *
 * <p>A gossip group ({@link MemberView}) only makes things worse sooner: a node it suspects is at
 * least SUSPECT and a node it calls dead is at least DOWN, within seconds. Replacing instances
 * stays the heartbeat's decision: they become LOST when the heartbeat is {@code lostAfter} old, or,
 * for a node the group has called dead for {@code lostGrace}, when no heartbeat came since (nor for
 * {@code lostGrace}). A gossip false positive, with heartbeats still arriving, therefore stops new
 * placements on the node but never replaces its instances.
 */
public final class NodeLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycle.class);

  private final dev.aino.store.StateStore store;
  private final ClusterCache cache;
  private final BatchWriter writer;
  private final Clock clock;
  private final Duration suspectAfter;
  private final Duration downAfter;
  private final Duration lostAfter;
  private final Duration lostGrace;
  private final MemberView members;

  /**
   * @param suspectAfter heartbeat age that makes a node SUSPECT
   * @param downAfter heartbeat age that makes it DOWN
   * @param lostAfter heartbeat age after which its instances are LOST and replaced
   */
  public NodeLifecycle(
      dev.aino.store.StateStore store,
      ClusterCache cache,
      Clock clock,
      Duration suspectAfter,
      Duration downAfter,
      Duration lostAfter) {
    this(store, cache, clock, suspectAfter, downAfter, lostAfter, lostAfter, MemberView.NONE);
  }

  /**
   * @param lostGrace how long a node the gossip group calls dead stays DOWN before its instances
   *     are replaced, once its heartbeat is {@code downAfter} old too
   * @param members the gossip group's view of the nodes
   */
  public NodeLifecycle(
      dev.aino.store.StateStore store,
      ClusterCache cache,
      Clock clock,
      Duration suspectAfter,
      Duration downAfter,
      Duration lostAfter,
      Duration lostGrace,
      MemberView members) {
    this.store = store;
    this.cache = cache;
    this.writer = new BatchWriter(store, cache);
    this.clock = clock;
    this.suspectAfter = suspectAfter;
    this.downAfter = downAfter;
    this.lostAfter = lostAfter;
    this.lostGrace = lostGrace;
    this.members = members;
  }

  /** Checks every node once. */
  public void check() {
    Instant now = clock.instant();
    for (Node node : cache.nodes()) {
      if (node.lastHeartbeat() == null) {
        continue;
      }
      Duration age = Duration.between(node.lastHeartbeat(), now);
      NodeStatus byHeartbeat =
          age.compareTo(downAfter) >= 0
              ? NodeStatus.DOWN
              : age.compareTo(suspectAfter) >= 0 ? NodeStatus.SUSPECT : NodeStatus.READY;
      MemberState gossip = members.state(node.name()).orElse(null);
      NodeStatus byGossip = gossip == null ? NodeStatus.READY : statusOf(gossip.liveness());
      NodeStatus want = byGossip.compareTo(byHeartbeat) > 0 ? byGossip : byHeartbeat;
      if (want != node.status()) {
        setStatus(node, want, byGossip.compareTo(byHeartbeat) > 0 ? gossip : null, age);
      }
      if ((byHeartbeat == NodeStatus.DOWN && age.compareTo(lostAfter) >= 0)
          || confirmedDead(node, gossip, age, now)) {
        markInstancesLost(node, age);
      }
    }
  }

  /**
   * Whether the gossip group's death of the node is confirmed by its heartbeat: dead for the grace
   * period, and no heartbeat written since the group called it dead nor for the grace period (two
   * heartbeat intervals by default). A false positive fails this: the live agent's next heartbeat
   * is later than the death. Both times come from clocks that must agree, as the heartbeat ages
   * already assume.
   */
  private boolean confirmedDead(Node node, MemberState gossip, Duration age, Instant now) {
    return gossip != null
        && gossip.liveness() == MemberState.Liveness.DEAD
        && Duration.between(gossip.since(), now).compareTo(lostGrace) >= 0
        && !node.lastHeartbeat().isAfter(gossip.since())
        && age.compareTo(lostGrace) >= 0;
  }

  private static NodeStatus statusOf(MemberState.Liveness liveness) {
    return switch (liveness) {
      case ALIVE -> NodeStatus.READY;
      case SUSPECT -> NodeStatus.SUSPECT;
      case DEAD -> NodeStatus.DOWN;
    };
  }

  /**
   * @param gossip the gossip opinion that decided the status, or null when the heartbeat did
   */
  private void setStatus(Node node, NodeStatus status, MemberState gossip, Duration age) {
    try {
      cache.observe(store.update(node.withStatus(status)));
    } catch (ConflictException | NotFoundException race) {
      return; // a heartbeat or an operator got there first; look again next tick
    }
    boolean bad = status != NodeStatus.READY;
    String message =
        gossip != null
            ? "the gossip group reports the node "
                + gossip.liveness().name().toLowerCase(java.util.Locale.ROOT)
                + "; node is "
                + status
            : bad
                ? "no heartbeat for " + age.toSeconds() + "s; node is " + status
                : "heartbeats resumed; node is READY";
    store.recordEvent(
        ObjectRef.node(node.name()),
        bad ? EventType.WARNING : EventType.NORMAL,
        bad ? "Node" + capitalized(status) : "NodeReady",
        message);
    LOG.info("node {}: {}", node.name(), message);
  }

  private void markInstancesLost(Node node, Duration age) {
    List<Instance> lost = new ArrayList<>();
    for (Instance i : cache.instances()) {
      if (node.name().equals(i.node()) && !i.phase().isTerminal()) {
        lost.add(
            i.toBuilder()
                .transition(
                    InstancePhase.LOST,
                    InstanceReasons.NODE_LOST,
                    "node " + node.name() + " has been down for " + age.toSeconds() + "s")
                .ready(false)
                .build());
      }
    }
    if (lost.isEmpty()) {
      return;
    }
    try {
      writer.commit(BatchWriter.updates(lost));
    } catch (ConflictException | NotFoundException race) {
      // Some changed meanwhile; the rest were written. The next tick handles the remainder.
    }
    store.recordEvent(
        ObjectRef.node(node.name()),
        EventType.WARNING,
        "InstancesLost",
        Counts.of(lost.size(), "instance")
            + " on the down node "
            + Counts.verb(lost.size(), "is", "are")
            + " being replaced elsewhere");
  }

  private static String capitalized(NodeStatus status) {
    String name = status.name().toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
