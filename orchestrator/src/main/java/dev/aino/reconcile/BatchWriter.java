package dev.aino.reconcile;

import dev.aino.error.AlreadyExistsException;
import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.model.StoredObject;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.WriteOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Commits many writes as a few atomic batches (etcd allows 128 operations per transaction) and
 * feeds what was written back into the cache. A batch that loses a compare-and-swap race is skipped
 * whole; the reconciler sees the newer state on its next pass.
 */
final class BatchWriter {
  /** Below etcd's default --max-txn-ops of 128. */
  static final int MAX_BATCH = 100;

  private final StateStore store;
  private final ClusterCache cache;

  BatchWriter(StateStore store, ClusterCache cache) {
    this.store = store;
    this.cache = cache;
  }

  /**
   * Commits {@code ops} in batches; returns how many ops were written. Throws the first race lost
   * only after the other batches were tried, so one stale object does not hold up the rest.
   */
  int commit(List<WriteOp> ops) {
    int written = 0;
    RuntimeException firstRace = null;
    for (int start = 0; start < ops.size(); start += MAX_BATCH) {
      List<WriteOp> batch = ops.subList(start, Math.min(ops.size(), start + MAX_BATCH));
      try {
        long revision = store.commit(batch);
        observe(batch, revision);
        written += batch.size();
      } catch (ConflictException | NotFoundException | AlreadyExistsException race) {
        if (firstRace == null) {
          firstRace = race;
        }
      }
    }
    if (firstRace != null) {
      throw firstRace;
    }
    return written;
  }

  private void observe(List<WriteOp> batch, long revision) {
    for (WriteOp op : batch) {
      if (op instanceof WriteOp.Delete d) {
        cache.observeDelete(d.kind(), d.key(), revision);
      } else {
        cache.observe(((WriteOp.ObjectWrite) op).object().withRevision(revision));
      }
    }
  }

  static List<WriteOp> updates(List<? extends StoredObject<?>> objects) {
    List<WriteOp> ops = new ArrayList<>(objects.size());
    objects.forEach(o -> ops.add(WriteOp.update(o)));
    return ops;
  }

  static WriteOp deleteOf(StoredObject<?> object) {
    return new WriteOp.Delete(
        ObjectKind.of(object.getClass()), object.storeKey(), object.revision());
  }
}
