package dev.aino.bench;

import dev.aino.store.StoreOptions;
import dev.aino.store.etcd.EtcdConfig;
import dev.aino.store.etcd.EtcdLeaderElection;
import dev.aino.store.etcd.EtcdStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Leader failover among servers on one etcd: three candidates (each with its own etcd connection,
 * as three servers have), the leader is taken away, and the time until another candidate leads is
 * measured. Two ways to go: a crash (its connection is cut without resigning, so the others wait
 * for its lease to expire, as after {@code kill -9}) and a clean stop (it resigns).
 */
public final class FailoverBench {
  private static final long POLL_NANOS = Duration.ofMillis(1).toNanos();

  private FailoverBench() {}

  /** One server's part: its connection and its election. */
  private record Candidate(EtcdStateStore store, EtcdLeaderElection election) {
    void crash() {
      store.close(); // the lease is no longer renewed; resigning, attempted after, fails
      election.close();
    }

    void stop() {
      election.close(); // resigns
      store.close();
    }
  }

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, Args.union(StoreSite.OPTIONS, List.of("lease-seconds", "rounds")));
    int rounds = args.integer("rounds", 5);
    Duration lease = Duration.ofSeconds(args.integer("lease-seconds", 5));
    if (rounds < 1) {
      throw new Args.UsageException("--rounds must be at least 1");
    }
    if (lease.toSeconds() < 2) {
      throw new Args.UsageException("--lease-seconds must be at least 2 (etcd's minimum)");
    }
    System.out.printf(
        "failover: 3 candidates, lease %d s, %d rounds per way; %s%n",
        lease.toSeconds(), rounds, Machine.describe());
    try (StoreSite site = StoreSite.of(args)) {
      String namespace = site.newEtcdPrefix("failover");
      AtomicInteger names = new AtomicInteger();
      List<Candidate> candidates = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          candidates.add(candidate(site, namespace, lease, "s" + names.incrementAndGet()));
        }
        for (String way : List.of("kill", "stop")) {
          List<Long> millis = new ArrayList<>();
          for (int round = 0; round < rounds; round++) {
            Candidate leader = awaitLeader(candidates);
            candidates.remove(leader);
            long gone = System.nanoTime();
            if (way.equals("kill")) {
              leader.crash();
            } else {
              leader.stop();
            }
            awaitLeader(candidates);
            millis.add((System.nanoTime() - gone) / 1_000_000);
            candidates.add(candidate(site, namespace, lease, "s" + names.incrementAndGet()));
          }
          millis.sort(null);
          System.out.printf(
              "  %-5s leader gone to a new leader: p50 %d ms, max %d ms (%s)%n",
              way,
              millis.get(millis.size() / 2),
              millis.get(millis.size() - 1),
              way.equals("kill") ? "lease expiry plus a poll" : "resigned");
        }
      } finally {
        candidates.forEach(Candidate::stop);
      }
    }
  }

  private static Candidate candidate(
      StoreSite site, String namespace, Duration lease, String name) {
    EtcdStateStore store =
        new EtcdStateStore(
            EtcdConfig.of(site.etcdEndpoint()).withNamespace(namespace), StoreOptions.defaults());
    EtcdLeaderElection election =
        new EtcdLeaderElection(
                store,
                name,
                lease,
                new EtcdLeaderElection.Listener() {
                  @Override
                  public void elected(long term) {}

                  @Override
                  public void deposed(long term, String reason) {}
                })
            .start();
    return new Candidate(store, election);
  }

  /** Spins until exactly one candidate leads; returns it. */
  private static Candidate awaitLeader(List<Candidate> candidates) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      List<Candidate> leading = candidates.stream().filter(c -> c.election().isLeader()).toList();
      if (leading.size() == 1) {
        return leading.get(0);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS);
    }
    throw new IllegalStateException("no single leader within 60 s");
  }
}
