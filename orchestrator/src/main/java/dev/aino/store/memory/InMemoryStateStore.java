package dev.aino.store.memory;

import dev.aino.store.KvStateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.spi.KvChange;
import dev.aino.store.spi.KvChangeListener;
import dev.aino.store.spi.KvConflictException;
import dev.aino.store.spi.KvEntry;
import dev.aino.store.spi.KvOp;
import dev.aino.store.spi.KvRange;
import dev.aino.store.spi.KvWatch;
import dev.aino.store.spi.WatchHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The state store in process memory: for tests and simulations. Same contract as the durable
 * backends, nothing survives the process.
 */
public final class InMemoryStateStore extends KvStateStore {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<String, Slot> data = new TreeMap<>();
  private final PriorityQueue<Expiry> expiries =
      new PriorityQueue<>((a, b) -> Long.compare(a.atMillis, b.atMillis));
  private final WatchHub hub;
  private long revision;

  private record Slot(byte[] value, long modRevision, long expiresAtMillis, Object decoded) {}

  private record Expiry(long atMillis, String key, long modRevision) {}

  public InMemoryStateStore() {
    this(StoreOptions.defaults());
  }

  public InMemoryStateStore(StoreOptions options) {
    super(options);
    this.hub = new WatchHub(0, options.retainedChanges(), options.maxPendingPerWatch());
  }

  @Override
  public String backend() {
    return "memory";
  }

  /** Every slot keeps the object it was written from. */
  @Override
  protected boolean keepsWrittenObjects() {
    return true;
  }

  @Override
  protected long kvRevision() {
    lock.readLock().lock();
    try {
      return revision;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  protected Optional<KvEntry> kvGet(String key) {
    long now = now();
    lock.readLock().lock();
    try {
      Slot slot = data.get(key);
      if (slot == null || slot.expiresAtMillis <= now) {
        return Optional.empty();
      }
      return Optional.of(new KvEntry(key, slot.value, slot.modRevision, slot.decoded));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  protected KvRange kvRange(String prefix) {
    long now = now();
    lock.readLock().lock();
    try {
      List<KvEntry> entries = new ArrayList<>();
      for (Map.Entry<String, Slot> e : data.tailMap(prefix, true).entrySet()) {
        if (!e.getKey().startsWith(prefix)) {
          break;
        }
        Slot slot = e.getValue();
        if (slot.expiresAtMillis > now) {
          entries.add(new KvEntry(e.getKey(), slot.value, slot.modRevision, slot.decoded));
        }
      }
      return new KvRange(entries, revision);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  protected long kvCommit(List<KvOp> ops) throws KvConflictException {
    long now = now();
    lock.writeLock().lock();
    try {
      expire(now);
      for (int i = 0; i < ops.size(); i++) {
        Slot slot = data.get(ops.get(i).key());
        long actual = slot == null ? 0 : slot.modRevision;
        if (!ops.get(i).admits(actual)) {
          throw new KvConflictException(i, actual);
        }
      }
      long next = revision + 1;
      List<KvChange> changes = new ArrayList<>(ops.size());
      for (KvOp op : ops) {
        if (op.isDelete()) {
          if (data.remove(op.key()) != null) {
            changes.add(new KvChange(op.key(), null, next));
          }
        } else {
          long expiresAt = Long.MAX_VALUE;
          if (op.ttl() != null) {
            expiresAt = now + op.ttl().toMillis();
            expiries.add(new Expiry(expiresAt, op.key(), next));
          }
          data.put(op.key(), new Slot(op.value(), next, expiresAt, op.source()));
          changes.add(new KvChange(op.key(), op.value(), next, op.source()));
        }
      }
      revision = next;
      hub.publish(changes);
      return next;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes keys whose time-to-live ran out, as one commit of deletes. Holds the write lock. */
  private void expire(long now) {
    List<KvChange> changes = new ArrayList<>();
    while (!expiries.isEmpty() && expiries.peek().atMillis <= now) {
      Expiry e = expiries.poll();
      Slot slot = data.get(e.key);
      if (slot != null && slot.modRevision == e.modRevision) {
        data.remove(e.key);
        changes.add(new KvChange(e.key, null, revision + 1));
      }
    }
    if (!changes.isEmpty()) {
      revision++;
      hub.publish(changes);
    }
  }

  @Override
  protected KvWatch kvWatch(String prefix, long fromRevision, KvChangeListener listener) {
    lock.readLock().lock();
    try {
      // Under the read lock no commit runs, so the hub's view of the latest revision is exact.
      return hub.subscribe(prefix, fromRevision, listener);
    } finally {
      lock.readLock().unlock();
    }
  }

  private long now() {
    return options().clock().millis();
  }

  @Override
  public void close() {
    closeNodeInstances();
    hub.close();
  }
}
