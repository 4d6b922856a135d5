package dev.aino.server.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.metrics.Metrics;
import dev.aino.model.Event;
import dev.aino.model.NodeStatus;
import dev.aino.model.ObjectRef;
import dev.aino.model.RuntimeInfo;
import dev.aino.reconcile.Controller;
import dev.aino.reconcile.ControllerConfig;
import dev.aino.reconcile.LeaderGate;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole chain on real parts: a controller whose node lifecycle reads a real SWIM member's view
 * marks a node DOWN within 5 s of that node's gossip member crashing, although the node's heartbeat
 * is still far from expiring (40 s).
 */
class SwimNodeLifecycleTest {
  private static final String TOKEN = "cluster-token-of-the-test";

  @Test
  void aNodeWhoseGossipMemberCrashesIsDownWithinFiveSecondsLongBeforeItsHeartbeatExpires() {
    Clock clock = Clock.systemUTC();
    try (InMemoryStateStore store = new InMemoryStateStore();
        SwimMembership leader = SwimMembership.join("a", "127.0.0.1", 0, List.of(), TOKEN, clock);
        SwimMembership other =
            SwimMembership.join("b", "127.0.0.1", 0, List.of(leader.address()), TOKEN, clock);
        Controller controller =
            new Controller(
                store,
                new Scheduler(SchedulerConfig.defaults()),
                ControllerConfig.defaults()
                    .withNodeTimeouts(
                        Duration.ofMillis(100),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(40),
                        Duration.ofSeconds(60)),
                clock,
                LeaderGate.ALWAYS,
                Metrics.NONE,
                leader)) {
      store.create(
          Fixtures.node("b")
              .withHeartbeat(clock.instant(), new RuntimeInfo("simulated", "1", false)));
      controller.start();
      await(Duration.ofSeconds(20), () -> leader.aliveNodes().contains("b"));
      assertThat(store.node("b").orElseThrow().status()).isEqualTo(NodeStatus.READY);

      long crashedAt = System.nanoTime();
      other.crash();
      await(
          Duration.ofSeconds(15), () -> store.node("b").orElseThrow().status() == NodeStatus.DOWN);
      Duration detection = Duration.ofNanos(System.nanoTime() - crashedAt);

      assertThat(detection).isLessThanOrEqualTo(Duration.ofSeconds(5));
      // The controller records the event just after it writes the status.
      await(Duration.ofSeconds(5), () -> !store.events(ObjectRef.node("b")).isEmpty());
      Event down =
          store.events(ObjectRef.node("b")).stream()
              .max(Comparator.comparingLong(Event::revision))
              .orElseThrow();
      assertThat(down.reason()).isEqualTo("NodeDown");
      assertThat(down.message()).isEqualTo("the gossip group reports the node dead; node is DOWN");
    }
  }

  private static void await(Duration timeout, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
