package dev.aino.bench;

import dev.aino.reconcile.MemberState;
import dev.aino.reconcile.MemberState.Liveness;
import dev.aino.server.gossip.SwimMembership;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * SWIM convergence of aino's gossip group ({@link SwimMembership}, scalecube underneath, with the
 * failure detector settings {@code aino up} uses) with {@code --members} members on loopback in one
 * JVM: the time from the first join until every member sees every other alive, and, per round, the
 * time from a member's crash (its transport stops without a goodbye, as after {@code kill -9})
 * until every other member sees it dead.
 */
final class SwimBench {
  private static final String TOKEN = "swim-bench-token";
  private static final Duration LIMIT = Duration.ofMinutes(5);

  private SwimBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int size = args.integer("members", 50);
    int rounds = args.integer("rounds", 3);
    if (size < 3) {
      throw new Args.UsageException("--members must be at least 3");
    }
    if (rounds < 1 || rounds >= size - 1) {
      throw new Args.UsageException("--rounds must be between 1 and --members - 2");
    }
    System.out.printf(
        "swim: %d members in one JVM on loopback, %d crash rounds; %s%n",
        size, rounds, Machine.describe());
    List<SwimMembership> members = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try {
      long start = System.nanoTime();
      for (int i = 0; i < size; i++) {
        String name = "m" + i;
        List<String> seeds = members.isEmpty() ? List.of() : List.of(members.get(0).address());
        members.add(SwimMembership.join(name, "127.0.0.1", 0, seeds, TOKEN, Clock.systemUTC()));
        names.add(name);
      }
      long joined = System.nanoTime();
      await(
          "every member to see the other " + (size - 1) + " alive",
          () -> members.stream().allMatch(m -> m.aliveNodes().size() == size - 1));
      long converged = System.nanoTime();
      System.out.printf(
          "  joins took %d ms; all see all %d ms after the first join (%d ms after the last)%n",
          (joined - start) / 1_000_000,
          (converged - start) / 1_000_000,
          (converged - joined) / 1_000_000);

      List<Long> millis = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        int victim = members.size() - 1; // never the seed
        SwimMembership crashed = members.remove(victim);
        String name = names.remove(victim);
        long crashedAt = System.nanoTime();
        crashed.crash();
        await(
            "every member to see " + name + " dead",
            () ->
                members.stream()
                    .allMatch(
                        m ->
                            m.state(name).map(MemberState::liveness).orElse(null)
                                == Liveness.DEAD));
        long all = (System.nanoTime() - crashedAt) / 1_000_000;
        millis.add(all);
        System.out.printf(
            "  round %d: %s seen dead by all %d others after %d ms%n",
            round + 1, name, members.size(), all);
        closeQuietly(crashed);
      }
      millis.sort(null);
      System.out.printf(
          "swim %d members: converged in %d ms; crash to dead-for-all p50 %d ms, max %d ms"
              + " (ping every %d ms, suspicion x%d)%n",
          size,
          (converged - start) / 1_000_000,
          millis.get(millis.size() / 2),
          millis.get(millis.size() - 1),
          400,
          3);
    } finally {
      members.forEach(SwimBench::closeQuietly);
    }
  }

  private static void closeQuietly(SwimMembership m) {
    try {
      m.close();
    } catch (RuntimeException alreadyStopped) {
      // a crashed member's transport is gone; nothing more to release
    }
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + LIMIT + " waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
