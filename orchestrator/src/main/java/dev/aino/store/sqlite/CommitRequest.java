package dev.aino.store.sqlite;

import dev.aino.store.spi.KvChange;
import dev.aino.store.spi.KvConflictException;
import dev.aino.store.spi.KvOp;
import java.sql.SQLException;
import java.util.List;

/**
 * One caller's batch waiting in {@link GroupCommitter}, and its outcome. The fields are written by
 * whichever thread commits the group, under the committer's lock, and read by the caller after it
 * took that lock, so the lock orders them.
 */
final class CommitRequest {
  final List<KvOp> ops;
  private boolean done;
  private long revision;
  private List<KvChange> changes;
  private Throwable failure;

  CommitRequest(List<KvOp> ops) {
    this.ops = ops;
  }

  boolean isDone() {
    return done;
  }

  /** Applied in the group's transaction at {@code revision}; complete once that committed. */
  void applied(long revision, List<KvChange> changes) {
    this.revision = revision;
    this.changes = changes;
  }

  /** The changes to publish, or null when it was not applied. */
  List<KvChange> changes() {
    return failure == null ? changes : null;
  }

  /** A precondition failed; nothing of it is written. Complete once the group committed. */
  void rejected(KvConflictException conflict) {
    this.failure = conflict;
  }

  /** The group failed; this outcome replaces any earlier one. */
  void fail(Throwable failure) {
    this.failure = failure;
    this.done = true;
  }

  /** The group committed: the request was applied or rejected as recorded. */
  void complete() {
    this.done = true;
  }

  /** The committed revision, or the failure rethrown. */
  long outcome() throws KvConflictException, SQLException {
    if (failure instanceof KvConflictException conflict) {
      throw conflict;
    }
    if (failure instanceof SQLException sql) {
      throw sql;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure != null) {
      throw new SQLException("the commit failed", failure);
    }
    return revision;
  }
}
