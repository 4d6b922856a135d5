package dev.aino.store.etcd;

import io.etcd.jetcd.Lease;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Leases for keys with a time-to-live, shared by the writes of a time window instead of one grant
 * per write. A lease for time-to-live {@code ttl} is granted for {@code ttl + window} and attached
 * to writes for {@code window} after its grant, so every key lives at least {@code ttl} and at most
 * {@code window} longer.
 */
final class EtcdLeases {
  /** The reuse window is a tenth of the time-to-live, within these bounds. */
  private static final Duration MIN_WINDOW = Duration.ofSeconds(1);

  private static final Duration MAX_WINDOW = Duration.ofMinutes(5);

  private final Lease client;
  private final EtcdCalls calls;
  private final LongSupplier nanoClock;
  private final Map<Duration, Grant> current = new ConcurrentHashMap<>();

  private record Grant(long id, long reusableUntilNanos) {}

  EtcdLeases(Lease client, EtcdCalls calls, LongSupplier nanoClock) {
    this.client = client;
    this.calls = calls;
    this.nanoClock = nanoClock;
  }

  /** A lease that keeps a key written now for at least {@code ttl}. */
  long leaseFor(Duration ttl) {
    Grant grant = current.get(ttl);
    if (grant != null && nanoClock.getAsLong() - grant.reusableUntilNanos < 0) {
      return grant.id;
    }
    synchronized (this) {
      grant = current.get(ttl);
      long now = nanoClock.getAsLong();
      if (grant != null && now - grant.reusableUntilNanos < 0) {
        return grant.id; // another writer granted it while this one waited
      }
      Duration window = windowFor(ttl);
      long seconds = ceilSeconds(ttl.plus(window));
      long id = calls.await("granting a lease", () -> client.grant(seconds)).getID();
      // The window counts from before the grant, so a lease is never used past its promise.
      current.put(ttl, new Grant(id, now + window.toNanos()));
      return id;
    }
  }

  /** Forgets every lease, after any write failed for a lease etcd no longer knows. */
  void forgetAll() {
    current.clear();
  }

  static Duration windowFor(Duration ttl) {
    Duration tenth = ttl.dividedBy(10);
    if (tenth.compareTo(MIN_WINDOW) < 0) {
      return MIN_WINDOW;
    }
    return tenth.compareTo(MAX_WINDOW) > 0 ? MAX_WINDOW : tenth;
  }

  private static long ceilSeconds(Duration d) {
    long seconds = d.getSeconds();
    return d.getNano() > 0 ? seconds + 1 : seconds;
  }
}
