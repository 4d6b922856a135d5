package dev.aino.bench;

import dev.aino.error.ValidationException;
import dev.aino.reconcile.MemberState;
import dev.aino.reconcile.MemberState.Liveness;
import dev.aino.server.gossip.SwimMembership;
import dev.aino.server.gossip.SwimTiming;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * SWIM convergence of aino's gossip group ({@link SwimMembership}, scalecube underneath, with the
 * failure detector settings {@code aino up} uses) with {@code --members} members on loopback in one
 * JVM: the time from the first join until every member sees every other alive, and, per round, the
 * time from a member's crash (its transport stops without a goodbye, as after {@code kill -9})
 * until every other member sees it dead.
 *
 * <p>Members join in waves of {@code --wave} (default 1), each newcomer through {@code --seeds}
 * (default 1) members of the group already settled, and the next wave starts when every member sees
 * every other. Why one at a time through one seed by default: a newcomer asks every member it
 * learns of for its metadata, once per seed's answer and once per gossip that names a member it has
 * not yet added (scalecube merges none of these requests), and every request still waiting is
 * offered every message the member receives. Three seeds triple a newcomer's requests and ten
 * newcomers at once multiply them again; with 30 to 40 members sharing two CPUs that load made
 * answers late, late answers made suspicions, and the group churned instead of settling. Fifty
 * joins one after another without waiting for each to settle, the first version, did not settle
 * either. A small group joins and leaves first so the JIT's work is not counted. Once all see all,
 * the bench reports the CPU the settled group uses while idle.
 *
 * <p>Every member of a group this size in one JVM runs scalecube's own transport event loop and
 * scheduler thread (scalecube 2.7 creates both per member, neither can be shared), so the figure is
 * a lower bound on how well a group of separate hosts fares. When a wave does not settle, the bench
 * stops and says how far it got, how many verdicts of death were false (the member was never
 * crashed) and how much CPU the JVM used.
 */
final class SwimBench {
  private static final String TOKEN = "swim-bench-token";
  private static final Duration LIMIT = Duration.ofMinutes(5);

  /** A wave of aino up's settings settles in seconds; minutes mean it will not. */
  private static final Duration WAVE_LIMIT = Duration.ofMinutes(2);

  /** How long the settled group's idle CPU use is measured. */
  private static final Duration IDLE = Duration.ofSeconds(5);

  private SwimBench() {}

  public static void main(String[] argv) throws Exception {
    Args args =
        new Args(
            argv,
            List.of("members", "ping-interval-ms", "ping-timeout-ms", "rounds", "seeds", "wave"));
    int size = args.integer("members", 50);
    int rounds = args.integer("rounds", 3);
    int wave = args.integer("wave", 1);
    int seeds = args.integer("seeds", 1);
    SwimTiming timing = timing(args);
    if (size < 3) {
      throw new Args.UsageException("--members must be at least 3");
    }
    if (rounds < 1 || rounds >= size - 1) {
      throw new Args.UsageException("--rounds must be between 1 and --members - 2");
    }
    if (wave < 1 || wave > size) {
      throw new Args.UsageException("--wave must be between 1 and --members");
    }
    if (seeds < 1 || seeds > 5) {
      throw new Args.UsageException("--seeds must be 1 to 5, got " + seeds);
    }
    System.out.printf(
        "swim: %d members in one JVM on loopback, joining in waves of %d through %d seed(s), %d"
            + " crash rounds, a probe every %d ms with a %d ms timeout%s; %s%n",
        size,
        wave,
        seeds,
        rounds,
        timing.pingInterval().toMillis(),
        timing.pingTimeout().toMillis(),
        timing.equals(SwimTiming.AINO_UP) ? " (aino up's)" : "",
        Machine.describe());
    warmUp(timing);
    System.out.printf("  after the warm-up group: %s%n", Machine.describe());

    Group group = new Group("m", timing, seeds);
    try {
      long cpu0 = Machine.processCpuNanos();
      long start = System.nanoTime();
      group.join(1, 0);
      List<Long> settled = new ArrayList<>();
      while (group.size() < size) {
        int count = Math.min(wave, size - group.size());
        long waveStart = System.nanoTime();
        group.join(count, group.size());
        long joined = System.nanoTime();
        Optional<String> stuck = group.awaitConverged(WAVE_LIMIT);
        if (stuck.isPresent()) {
          System.out.printf(
              "swim %d members: did NOT converge; stopped at %d members: %s; %s%n",
              size, group.size(), stuck.get(), Machine.describe());
          group.close();
          System.exit(2);
        }
        settled.add((System.nanoTime() - waveStart) / 1_000_000);
        System.out.printf(
            "  %d members: the wave of %d joined in %d ms, all see all %d ms after it began;"
                + " false death verdicts so far %d; %s%n",
            group.size(),
            count,
            (joined - waveStart) / 1_000_000,
            (System.nanoTime() - waveStart) / 1_000_000,
            group.falseDeaths(),
            Machine.loadAverage());
      }
      long converged = System.nanoTime();
      double cpuSeconds = (Machine.processCpuNanos() - cpu0) / 1e9;
      double wallSeconds = (converged - start) / 1e9;
      settled.sort(null);
      System.out.printf(
          "  all %d see all after %d ms; the JVM used %.1f CPU s in that time (%.2f cores); a wave"
              + " settled in p50 %d ms, max %d ms%n",
          size,
          (converged - start) / 1_000_000,
          cpuSeconds,
          cpuSeconds / wallSeconds,
          settled.get(settled.size() / 2),
          settled.get(settled.size() - 1));
      long idleCpu = Machine.processCpuNanos();
      Thread.sleep(IDLE.toMillis());
      double idleCores = (Machine.processCpuNanos() - idleCpu) / (double) IDLE.toNanos();
      System.out.printf(
          "  the settled group of %d, idle for %d s: %.2f cores (%.1f ms of CPU per member and"
              + " second)%n",
          size, IDLE.toSeconds(), idleCores, idleCores * 1000 / size);

      List<Long> millis = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        long crashedAt = System.nanoTime();
        String name = group.crashNewest();
        group.awaitDeadForAll(name);
        long all = (System.nanoTime() - crashedAt) / 1_000_000;
        millis.add(all);
        System.out.printf(
            "  round %d: %s seen dead by all %d others after %d ms%n",
            round + 1, name, group.size(), all);
      }
      millis.sort(null);
      System.out.printf(
          "swim %d members: converged in %d ms (waves of %d); crash to dead-for-all p50 %d ms,"
              + " max %d ms (ping every %d ms, suspicion x%d); false death verdicts %d; %s%n",
          size,
          (converged - start) / 1_000_000,
          wave,
          millis.get(millis.size() / 2),
          millis.get(millis.size() - 1),
          timing.pingInterval().toMillis(),
          timing.suspicionMult(),
          group.falseDeaths(),
          Machine.describe());
    } finally {
      group.close();
    }
  }

  /**
   * aino up's probe timing unless {@code --ping-interval-ms} or {@code --ping-timeout-ms} say
   * otherwise.
   */
  private static SwimTiming timing(Args args) {
    SwimTiming up = SwimTiming.AINO_UP;
    try {
      return new SwimTiming(
          Duration.ofMillis(args.integer("ping-interval-ms", (int) up.pingInterval().toMillis())),
          Duration.ofMillis(args.integer("ping-timeout-ms", (int) up.pingTimeout().toMillis())),
          up.suspicionMult());
    } catch (ValidationException e) {
      throw new Args.UsageException(e.getMessage());
    }
  }

  /**
   * A group of 5 joins, settles, sees a crash and leaves, so the JIT has compiled the hot paths.
   */
  private static void warmUp(SwimTiming timing) throws InterruptedException {
    Group warm = new Group("warm", timing, 1);
    try {
      warm.join(1, 0);
      warm.join(4, 1);
      Optional<String> stuck = warm.awaitConverged(LIMIT);
      if (stuck.isPresent()) {
        throw new IllegalStateException("the warm-up group of 5 did not converge: " + stuck.get());
      }
      warm.awaitDeadForAll(warm.crashNewest());
    } finally {
      warm.close();
    }
  }

  /** The members of one run, and every member's opinions of the others as last polled. */
  private static final class Group {
    private final String prefix;
    private final List<SwimMembership> members = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Set<String> crashed = ConcurrentHashMap.newKeySet();

    /** Per observer and node, the last opinion seen, to count each new verdict once. */
    private final Map<String, MemberState> lastSeen = new HashMap<>();

    private final AtomicLong falseDeaths = new AtomicLong();

    private final SwimTiming timing;
    private final int seeds;

    Group(String prefix, SwimTiming timing, int seeds) {
      this.prefix = prefix;
      this.timing = timing;
      this.seeds = seeds;
    }

    int size() {
      return members.size();
    }

    long falseDeaths() {
      return falseDeaths.get();
    }

    /**
     * {@code count} members join at once, each through up to {@code seeds} settled members (the
     * first starts the group).
     */
    void join(int count, int firstIndex) throws InterruptedException {
      List<String> settled = members.stream().map(SwimMembership::address).toList();
      SwimMembership[] joined = new SwimMembership[count];
      AtomicReference<RuntimeException> failure = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int slot = i;
        String name = prefix + (firstIndex + i);
        List<String> seeds = new ArrayList<>();
        for (int s = 0; s < Math.min(this.seeds, settled.size()); s++) {
          seeds.add(
              settled.get((firstIndex + slot + s * settled.size() / this.seeds) % settled.size()));
        }
        Thread t =
            new Thread(
                () -> {
                  try {
                    joined[slot] =
                        SwimMembership.join(
                            name,
                            "127.0.0.1",
                            0,
                            List.copyOf(seeds),
                            TOKEN,
                            Clock.systemUTC(),
                            timing);
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                  }
                },
                "swim-join-" + name);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      for (int i = 0; i < count; i++) {
        if (joined[i] != null) {
          members.add(joined[i]);
          names.add(prefix + (firstIndex + i));
        }
      }
      if (failure.get() != null) {
        throw failure.get();
      }
    }

    /**
     * Waits until every member sees every other alive; empty when they do, else what was seen when
     * {@code limit} ran out.
     */
    Optional<String> awaitConverged(Duration limit) throws InterruptedException {
      int others = members.size() - 1;
      long deadline = System.nanoTime() + limit.toNanos();
      while (true) {
        poll();
        if (members.stream().allMatch(m -> m.aliveNodes().size() == others)) {
          return Optional.empty();
        }
        if (System.nanoTime() > deadline) {
          int fewest = members.stream().mapToInt(m -> m.aliveNodes().size()).min().orElse(0);
          long behind = members.stream().filter(m -> m.aliveNodes().size() < others).count();
          return Optional.of(
              String.format(
                  "after %s, %d of %d members saw fewer than %d others alive (the fewest %d);"
                      + " false death verdicts %d",
                  limit, behind, members.size(), others, fewest, falseDeaths.get()));
        }
        Thread.sleep(100);
      }
    }

    /** Stops the newest member's transport without a goodbye; returns its name. */
    String crashNewest() {
      SwimMembership victim = members.remove(members.size() - 1);
      String name = names.remove(names.size() - 1);
      crashed.add(name);
      victim.crash();
      closeQuietly(victim);
      return name;
    }

    void awaitDeadForAll(String name) throws InterruptedException {
      await(
          "every member to see " + name + " dead",
          () ->
              members.stream()
                  .allMatch(
                      m -> m.state(name).map(MemberState::liveness).orElse(null) == Liveness.DEAD));
    }

    /** Counts each new verdict of death on a member that was never crashed. */
    private void poll() {
      Set<String> all = new HashSet<>(names);
      for (int i = 0; i < members.size(); i++) {
        SwimMembership observer = members.get(i);
        for (String node : all) {
          Optional<MemberState> state = observer.state(node);
          if (state.isEmpty()) {
            continue;
          }
          MemberState previous = lastSeen.put(names.get(i) + "/" + node, state.get());
          if (previous != state.get()
              && state.get().liveness() == Liveness.DEAD
              && !crashed.contains(node)) {
            falseDeaths.incrementAndGet();
          }
        }
      }
    }

    void close() {
      members.forEach(Group::closeQuietly);
      members.clear();
    }

    private static void closeQuietly(SwimMembership m) {
      try {
        m.close();
      } catch (RuntimeException alreadyStopped) {
        // a crashed member's transport is gone; nothing more to release
      }
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
