package dev.aino.store.etcd;

import dev.aino.error.AinoException;
import dev.aino.reconcile.LeaderGate;
import dev.aino.store.FencingToken;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects one of the servers sharing an etcd as the control plane. A candidate creates {@link #KEY}
 * under a lease of its own, in a transaction that succeeds only while the key does not exist; the
 * key's create revision is the winner's <em>term</em>. The leader renews its lease every third of
 * its time-to-live and checks that the key is still the one it created; the others read the key
 * every poll and campaign as soon as it is gone (its lease expired after the leader died, or it
 * resigned on shutdown).
 *
 * <p>Two guards, for two different failures. {@link #isLeader()} is true only until the lease could
 * have expired, counted from before the last renewal was sent, so a leader that cannot reach etcd
 * stops acting on its own. That is not enough for a process that is paused between checking the
 * gate and writing: the {@link dev.aino.store.FencedStateStore} puts {@link #term()} into every
 * write's transaction, and etcd refuses it once another server has created the key anew.
 */
public final class EtcdLeaderElection implements LeaderGate, FencingToken, AutoCloseable {
  /** The election key below the store's namespace; no object kind lives under it. */
  public static final String KEY = "control-plane/leader";

  private static final Logger LOG = LoggerFactory.getLogger(EtcdLeaderElection.class);

  /** Told when this server gains or loses the leadership; called on the election's thread. */
  public interface Listener {
    void elected(long term);

    void deposed(long term, String reason);
  }

  /** The term this process holds, the lease behind it and until when it surely holds. */
  private record Held(long term, long lease, long validUntilNanos, long renewedAtNanos) {}

  private final EtcdStateStore store;
  private final String candidate;
  private final Duration leaseTtl;
  private final Listener listener;
  private final LongSupplier nanoClock;
  private final ByteSequence key;
  private final long pollNanos;
  private final AtomicLong terms = new AtomicLong();
  private final Thread thread;
  private volatile Held held;
  private volatile String leader;
  private volatile boolean running;

  /**
   * @param store the etcd store of this server; the election shares its connection
   * @param candidate this server's name (its node name), stored as the key's value
   * @param leaseTtl how long a silent leader keeps the leadership: the failover time's main part
   * @param listener told of this server's own gains and losses
   */
  public EtcdLeaderElection(
      EtcdStateStore store, String candidate, Duration leaseTtl, Listener listener) {
    this(store, candidate, leaseTtl, listener, System::nanoTime);
  }

  EtcdLeaderElection(
      EtcdStateStore store,
      String candidate,
      Duration leaseTtl,
      Listener listener,
      LongSupplier nanoClock) {
    this.store = Objects.requireNonNull(store, "store");
    this.candidate = Objects.requireNonNull(candidate, "candidate");
    this.leaseTtl = Objects.requireNonNull(leaseTtl, "leaseTtl");
    if (leaseTtl.compareTo(Duration.ofSeconds(2)) < 0) {
      // etcd raises shorter leases to its minimum (about 2 s) without saying so.
      throw new IllegalArgumentException("leaseTtl must be at least 2s, got " + leaseTtl);
    }
    this.listener = Objects.requireNonNull(listener, "listener");
    this.nanoClock = nanoClock;
    this.key = EtcdStateStore.bytes(store.fullKey(KEY));
    long tenth = leaseTtl.toNanos() / 10;
    this.pollNanos = Math.max(Duration.ofMillis(100).toNanos(), Math.min(tenth, 500_000_000L));
    this.thread = new Thread(this::run, "aino-leader-election");
    this.thread.setDaemon(true);
  }

  /** Starts campaigning on a thread of its own. */
  public EtcdLeaderElection start() {
    running = true;
    thread.start();
    return this;
  }

  @Override
  public boolean isLeader() {
    Held h = held;
    return h != null && nanoClock.getAsLong() - h.validUntilNanos < 0;
  }

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public OptionalLong term() {
    Held h = held;
    return h == null ? OptionalLong.empty() : OptionalLong.of(h.term);
  }

  /** The server that leads, as last seen; empty while none does (or etcd cannot be read). */
  @Override
  public Optional<String> leaderName() {
    return Optional.ofNullable(leader);
  }

  /** Terms this server has won since it started. */
  public long termsWon() {
    return terms.get();
  }

  private void run() {
    while (running) {
      try {
        step();
      } catch (AinoException e) {
        // etcd is out of reach: a leader keeps its term until the lease could have run out.
        LOG.debug("leader election: {}", e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("leader election step failed", e);
      }
      Held h = held;
      if (h != null && nanoClock.getAsLong() - h.validUntilNanos >= 0) {
        stepDown(h, "its lease ran out before it could renew it (etcd out of reach, or paused)");
      }
      try {
        Thread.sleep(Duration.ofNanos(pollNanos).toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One round: a leader renews when due and checks its key, the others read it and campaign. */
  void step() {
    Held h = held;
    if (h != null) {
      if (nanoClock.getAsLong() - h.renewedAtNanos >= leaseTtl.toNanos() / 3) {
        renew(h);
      }
      if (held != null) {
        return;
      }
      // Just deposed: learn who leads now, or campaign again.
    }
    GetResponse current = store.calls().await("reading the leader", () -> kv().get(key));
    if (!current.getKvs().isEmpty()) {
      leader = valueOf(current.getKvs().get(0));
      return;
    }
    campaign();
  }

  private void renew(Held h) {
    long sent = nanoClock.getAsLong();
    LeaseKeepAliveResponse renewed;
    try {
      renewed =
          store
              .calls()
              .await(
                  "renewing the leader lease",
                  () -> store.client().getLeaseClient().keepAliveOnce(h.lease));
    } catch (AinoException e) {
      if (EtcdCalls.isLeaseNotFound(e)) {
        stepDown(h, "its lease expired");
        return;
      }
      throw e;
    }
    if (renewed.getTTL() <= 0) {
      stepDown(h, "its lease expired");
      return;
    }
    GetResponse current = store.calls().await("reading the leader", () -> kv().get(key));
    if (current.getKvs().isEmpty() || current.getKvs().get(0).getCreateRevision() != h.term) {
      stepDown(h, "another server holds the election key");
      if (!current.getKvs().isEmpty()) {
        leader = valueOf(current.getKvs().get(0));
      }
      return;
    }
    long validFor = Math.min(leaseTtl.toNanos(), Duration.ofSeconds(renewed.getTTL()).toNanos());
    if (held == h) {
      held = new Held(h.term, h.lease, sent + validFor, sent);
    }
  }

  private void campaign() {
    long sent = nanoClock.getAsLong();
    long lease =
        store
            .calls()
            .await(
                "granting the leader lease",
                () -> store.client().getLeaseClient().grant(ttlSeconds()))
            .getID();
    TxnResponse response =
        store
            .calls()
            .await(
                "campaigning for leader",
                () ->
                    kv().txn()
                        .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                        .Then(
                            Op.put(
                                key,
                                ByteSequence.from(candidate, StandardCharsets.UTF_8),
                                PutOption.builder().withLeaseId(lease).build()))
                        .Else(Op.get(key, io.etcd.jetcd.options.GetOption.DEFAULT))
                        .commit());
    if (!response.isSucceeded()) {
      revokeQuietly(lease);
      var kvs =
          response.getGetResponses().isEmpty()
              ? java.util.List.<KeyValue>of()
              : response.getGetResponses().get(0).getKvs();
      leader = kvs.isEmpty() ? null : valueOf(kvs.get(0));
      return;
    }
    long term = response.getHeader().getRevision();
    held = new Held(term, lease, sent + leaseTtl.toNanos(), sent);
    leader = candidate;
    terms.incrementAndGet();
    LOG.info("{} is the leader now (term {})", candidate, term);
    listener.elected(term);
  }

  private void stepDown(Held h, String reason) {
    if (held != h) {
      return;
    }
    held = null;
    if (candidate.equals(leader)) {
      leader = null;
    }
    LOG.warn("{} is no longer the leader (term {}): {}", candidate, h.term, reason);
    listener.deposed(h.term, reason);
  }

  /**
   * Stops campaigning and, when leading, resigns: deletes the key if it is still this term's (a
   * transaction, so a successor's key is never touched) and revokes the lease, so the next leader
   * takes over at once instead of after the lease's time-to-live.
   */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Held h = held;
    if (h == null) {
      return;
    }
    held = null;
    try {
      store
          .calls()
          .await(
              "resigning the leadership",
              () ->
                  kv().txn()
                      .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(h.term)))
                      .Then(Op.delete(key, DeleteOption.DEFAULT))
                      .commit());
      revokeQuietly(h.lease);
      LOG.info("{} resigned the leadership (term {})", candidate, h.term);
    } catch (AinoException e) {
      LOG.warn(
          "could not resign the leadership; it passes on when the lease expires: {}",
          e.getMessage());
    }
    listener.deposed(h.term, "the server is shutting down");
  }

  /** Whole seconds, rounded up: etcd's leases count in seconds. */
  private long ttlSeconds() {
    return leaseTtl.getNano() > 0 ? leaseTtl.getSeconds() + 1 : leaseTtl.getSeconds();
  }

  private void revokeQuietly(long lease) {
    store.client().getLeaseClient().revoke(lease).exceptionally(failure -> null);
  }

  private io.etcd.jetcd.KV kv() {
    return store.client().getKVClient();
  }

  private static String valueOf(KeyValue kv) {
    return kv.getValue().toString(StandardCharsets.UTF_8);
  }
}
