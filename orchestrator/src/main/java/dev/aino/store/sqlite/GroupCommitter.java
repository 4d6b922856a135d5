package dev.aino.store.sqlite;

import dev.aino.store.spi.KvChange;
import dev.aino.store.spi.KvChangeListener;
import dev.aino.store.spi.KvConflictException;
import dev.aino.store.spi.KvOp;
import dev.aino.store.spi.KvWatch;
import dev.aino.store.spi.WatchHub;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The write path: every commit goes through here, serialized on the one writer connection.
 *
 * <p>Concurrent commits share a transaction (group commit): a caller queues its batch and takes the
 * lock; whoever holds it applies every queued batch, each at its own revision and all-or-nothing on
 * its own preconditions, and one COMMIT (one fsync) makes them all durable. A lone writer pays
 * exactly what it would without grouping; many writers share the disk's sync latency.
 *
 * <p>Keys whose time to live ran out are deleted at the start of a group, at a revision of their
 * own, so that the group's preconditions see them as absent. Each group's changes are published to
 * the {@link WatchHub} under the lock, in revision order.
 */
final class GroupCommitter implements AutoCloseable {
  /** Bounds one transaction, so that a flood of writers still commits in steady steps. */
  private static final int MAX_GROUP_OPS = 10_000;

  private final WriteSession writer;
  private final WatchHub hub;
  private final LongSupplier clockMillis;
  private final ReentrantLock lock = new ReentrantLock();
  private final Queue<CommitRequest> queue = new ConcurrentLinkedQueue<>();
  private volatile long revision;

  /** Earliest time any stored key expires; guarded by {@link #lock}. */
  private long nextExpiryMillis;

  /** Guarded by {@link #lock}. */
  private boolean closed;

  /**
   * @param revision the database's committed revision
   * @param nextExpiryMillis the earliest expiry of a stored key ({@link WriteSession#nextExpiry})
   * @param clockMillis the time that decides expiry
   */
  GroupCommitter(
      WriteSession writer,
      WatchHub hub,
      long revision,
      long nextExpiryMillis,
      LongSupplier clockMillis) {
    this.writer = writer;
    this.hub = hub;
    this.revision = revision;
    this.nextExpiryMillis = nextExpiryMillis;
    this.clockMillis = clockMillis;
  }

  /** The latest committed revision. */
  long revision() {
    return revision;
  }

  /**
   * Applies every op or none, at one new revision, which it returns.
   *
   * @throws KvConflictException when a precondition fails; nothing was written
   * @throws SQLException when the database failed or the committer is closed; nothing was written
   */
  long commit(List<KvOp> ops) throws KvConflictException, SQLException {
    CommitRequest mine = new CommitRequest(ops);
    queue.add(mine);
    lock.lock();
    try {
      // Another holder of the lock may have committed this request with its group already.
      while (!mine.isDone()) {
        commitGroup();
      }
    } finally {
      lock.unlock();
    }
    return mine.outcome();
  }

  /** Subscribes under the lock, so that no commit runs and the hub's latest revision is exact. */
  KvWatch watch(String prefix, long fromRevision, KvChangeListener listener) throws SQLException {
    lock.lock();
    try {
      if (closed) {
        throw new SQLException("the store is closed");
      }
      return hub.subscribe(prefix, fromRevision, listener);
    } finally {
      lock.unlock();
    }
  }

  private void commitGroup() {
    List<CommitRequest> group = takeGroup();
    Throwable failure = null;
    try {
      if (closed) {
        throw new SQLException("the store is closed");
      }
      commitTogether(group);
    } catch (SQLException | RuntimeException e) {
      failure = e;
    } finally {
      for (CommitRequest request : group) {
        if (!request.isDone()) {
          request.fail(failure != null ? failure : new SQLException("the commit was aborted"));
        }
      }
    }
  }

  private List<CommitRequest> takeGroup() {
    List<CommitRequest> group = new ArrayList<>();
    int ops = 0;
    CommitRequest next;
    while ((next = queue.peek()) != null
        && (group.isEmpty() || ops + next.ops.size() <= MAX_GROUP_OPS)) {
      queue.poll();
      group.add(next);
      ops += next.ops.size();
    }
    return group;
  }

  private void commitTogether(List<CommitRequest> group) throws SQLException {
    long now = clockMillis.getAsLong();
    boolean expiryDue = now >= nextExpiryMillis;
    long base = revision;
    long next = base;
    List<KvChange> expired = List.of();
    long nextExpiry = nextExpiryMillis;
    writer.begin();
    try {
      if (expiryDue) {
        expired = deleteExpired(next + 1, now);
        if (!expired.isEmpty()) {
          next++;
        }
      }
      for (CommitRequest request : group) {
        List<KvChange> changes = applyRequest(request, next + 1, now);
        if (changes != null) {
          next++;
          request.applied(next, changes);
          nextExpiry = Math.min(nextExpiry, earliestExpiry(request.ops, now));
        }
      }
      if (expiryDue) {
        nextExpiry = writer.nextExpiry(); // what is left, including this group's new keys
      }
      if (next == base) {
        writer.rollbackQuietly(); // only rejections: nothing to make durable
      } else {
        writer.setRevision(next);
        writer.commit();
      }
    } catch (SQLException | RuntimeException e) {
      writer.rollbackQuietly();
      throw e;
    }
    // Committed: from here on nothing may fail the requests.
    revision = next;
    nextExpiryMillis = nextExpiry;
    group.forEach(CommitRequest::complete);
    hub.publish(expired);
    for (CommitRequest request : group) {
      List<KvChange> changes = request.changes();
      if (changes != null) {
        hub.publish(changes);
      }
    }
  }

  private static long earliestExpiry(List<KvOp> ops, long nowMillis) {
    long earliest = Long.MAX_VALUE;
    for (KvOp op : ops) {
      if (op.ttl() != null) {
        earliest = Math.min(earliest, nowMillis + op.ttl().toMillis());
      }
    }
    return earliest;
  }

  private List<KvChange> deleteExpired(long atRevision, long nowMillis) throws SQLException {
    List<KvChange> changes = new ArrayList<>();
    for (String key : writer.expiredKeys(nowMillis)) {
      changes.add(new KvChange(key, null, atRevision));
    }
    if (!changes.isEmpty()) {
      writer.deleteExpired(nowMillis);
    }
    return changes;
  }

  /**
   * Writes one caller's batch at {@code atRevision} if all its preconditions hold: its changes, or
   * null after recording the conflict on the request, with nothing of it written.
   */
  private List<KvChange> applyRequest(CommitRequest request, long atRevision, long nowMillis)
      throws SQLException {
    List<KvOp> ops = request.ops;
    if (!hasDistinctKeys(ops)) {
      // Ops on one key see each other's writes when run as statements; the contract checks every
      // precondition against the state before the batch, so check first, then write.
      KvConflictException conflict = checkPreconditions(ops);
      if (conflict != null) {
        request.rejected(conflict);
        return null;
      }
      return apply(ops, atRevision, nowMillis);
    }
    // A lone op that fails writes nothing; a batch needs a savepoint to undo its earlier ops.
    boolean undoable = ops.size() > 1;
    if (undoable) {
      writer.savepoint();
    }
    int[] changed = writer.writeConditionally(ops, atRevision, expiries(ops, nowMillis));
    int failed = firstFailed(ops, changed);
    if (failed >= 0) {
      if (undoable) {
        writer.undoToSavepoint();
      }
      request.rejected(new KvConflictException(failed, writer.modRevision(ops.get(failed).key())));
      return null;
    }
    if (undoable) {
      writer.releaseSavepoint();
    }
    List<KvChange> changes = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      KvOp op = ops.get(i);
      if (!op.isDelete()) {
        changes.add(new KvChange(op.key(), op.value(), atRevision, op.source()));
      } else if (changed[i] > 0) {
        changes.add(new KvChange(op.key(), null, atRevision));
      }
    }
    return changes;
  }

  private static boolean hasDistinctKeys(List<KvOp> ops) {
    if (ops.size() == 1) {
      return true;
    }
    Set<String> keys = new HashSet<>(ops.size() * 2);
    for (KvOp op : ops) {
      if (!keys.add(op.key())) {
        return false;
      }
    }
    return true;
  }

  /** The first op with a precondition that changed nothing, or -1. */
  private static int firstFailed(List<KvOp> ops, int[] changed) {
    for (int i = 0; i < ops.size(); i++) {
      if (changed[i] == 0 && ops.get(i).expected() != KvOp.ANY) {
        return i;
      }
    }
    return -1;
  }

  private static Long[] expiries(List<KvOp> ops, long nowMillis) {
    Long[] expiresAt = new Long[ops.size()];
    for (int i = 0; i < ops.size(); i++) {
      expiresAt[i] = expiryOf(ops.get(i), nowMillis);
    }
    return expiresAt;
  }

  private static Long expiryOf(KvOp op, long nowMillis) {
    return op.ttl() == null ? null : nowMillis + op.ttl().toMillis();
  }

  /** Checks a batch against the state before it, as one snapshot; null when all hold. */
  private KvConflictException checkPreconditions(List<KvOp> ops) throws SQLException {
    for (int i = 0; i < ops.size(); i++) {
      KvOp op = ops.get(i);
      if (op.expected() == KvOp.ANY) {
        continue;
      }
      long actual = writer.modRevision(op.key());
      if (!op.admits(actual)) {
        return new KvConflictException(i, actual);
      }
    }
    return null;
  }

  private List<KvChange> apply(List<KvOp> ops, long atRevision, long nowMillis)
      throws SQLException {
    List<KvChange> changes = new ArrayList<>(ops.size());
    for (KvOp op : ops) {
      if (op.isDelete()) {
        if (writer.delete(op.key())) {
          changes.add(new KvChange(op.key(), null, atRevision));
        }
      } else {
        writer.put(op.key(), op.value(), atRevision, expiryOf(op, nowMillis));
        changes.add(new KvChange(op.key(), op.value(), atRevision, op.source()));
      }
    }
    return changes;
  }

  /** Fails every later commit; one running now finishes first. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }
}
