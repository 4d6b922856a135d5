package dev.aino.server.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.UnavailableException;
import dev.aino.reconcile.MemberState;
import dev.aino.reconcile.MemberState.Liveness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real scalecube members on loopback in one JVM: a member that stops answering without leaving is
 * seen dead by the others within 5 s, and a member whose metadata is signed with another token is
 * in the SWIM group but never in the view.
 */
class SwimMembershipTest {
  private static final String TOKEN = "cluster-token-of-the-test";
  private final List<SwimMembership> members = new ArrayList<>();

  @AfterEach
  void leave() {
    for (SwimMembership m : members) {
      try {
        m.close();
      } catch (RuntimeException alreadyCrashed) {
        // its transport is closed; nothing more to release
      }
    }
  }

  @Test
  void aMemberThatStopsAnsweringIsDeadForTheOthersWithinFiveSeconds() {
    SwimMembership a = join("a", List.of(), TOKEN);
    SwimMembership b = join("b", List.of(a.address()), TOKEN);
    SwimMembership c = join("c", List.of(a.address()), TOKEN);
    await(
        Duration.ofSeconds(20),
        () ->
            a.aliveNodes().equals(Set.of("b", "c"))
                && b.aliveNodes().equals(Set.of("a", "c"))
                && c.aliveNodes().equals(Set.of("a", "b")));

    long crashedAt = System.nanoTime();
    c.crash();
    await(
        Duration.ofSeconds(15),
        () -> liveness(a, "c") == Liveness.DEAD && liveness(b, "c") == Liveness.DEAD);
    Duration detection = Duration.ofNanos(System.nanoTime() - crashedAt);

    assertThat(detection).isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(liveness(a, "b")).isEqualTo(Liveness.ALIVE);
    assertThat(liveness(b, "a")).isEqualTo(Liveness.ALIVE);
  }

  @Test
  void aMemberSignedWithAnotherTokenIsIgnored() throws InterruptedException {
    SwimMembership a = join("a", List.of(), TOKEN);
    SwimMembership b = join("b", List.of(a.address()), TOKEN);
    SwimMembership intruder = join("x", List.of(a.address()), "another-token");
    await(Duration.ofSeconds(20), () -> a.groupSize() == 3 && b.groupSize() == 3);
    await(Duration.ofSeconds(20), () -> a.aliveNodes().contains("b"));
    Thread.sleep(500); // let a membership event still in flight arrive

    assertThat(a.state("x")).isEmpty();
    assertThat(b.state("x")).isEmpty();
    assertThat(a.aliveNodes()).containsExactly("b");
    assertThat(intruder.aliveNodes()).as("the intruder cannot verify ours either").isEmpty();
  }

  @Test
  void aGossipPortInUseIsAClearError() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () ->
                  SwimMembership.join(
                      "a", "127.0.0.1", taken.getLocalPort(), List.of(), TOKEN, Clock.systemUTC()))
          .isInstanceOf(UnavailableException.class)
          .hasMessageStartingWith(
              "cannot join the gossip group on port " + taken.getLocalPort() + ": ");
    }
  }

  private SwimMembership join(String node, List<String> seeds, String token) {
    SwimMembership m = SwimMembership.join(node, "127.0.0.1", 0, seeds, token, Clock.systemUTC());
    members.add(m);
    return m;
  }

  private static Liveness liveness(SwimMembership view, String node) {
    Optional<MemberState> state = view.state(node);
    return state.map(MemberState::liveness).orElse(null);
  }

  private static void await(Duration timeout, BooleanSupplier condition) {
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
