package dev.aino.store;

import dev.aino.model.StoredObject;
import dev.aino.store.spi.KvFence;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view of a shared store that the control plane of one of several servers writes through. Reads
 * and watches go straight to the store; every write carries this process's leader term ({@link
 * FencingToken}) into the same transaction, so that the store applies it only while that term is
 * still the leader's. A leader that was paused (a GC pause, {@code kill -STOP}, a slow disk) past
 * its lease and wakes up after another server took over cannot change anything: its first write
 * fails with {@link FencedWriteException}, whatever its own clock or threads believe.
 *
 * <p>Events are recorded unfenced: they describe, they decide nothing, and a stale leader's event
 * explaining why it stopped is worth keeping.
 */
public final class FencedStateStore extends ForwardingStateStore {
  private static final Logger LOG = LoggerFactory.getLogger(FencedStateStore.class);

  private final KvStateStore store;
  private final FencingToken token;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong staleTerm = new AtomicLong();
  private final AtomicLong lastWrite = new AtomicLong();

  /**
   * @param store the shared store; its backend must support fencing (etcd)
   * @param token the election this process takes part in
   */
  public FencedStateStore(KvStateStore store, FencingToken token) {
    super(store);
    this.store = store;
    this.token = Objects.requireNonNull(token, "token");
  }

  /** Writes refused so far because this process did not hold the leader's term. */
  public long refusedWrites() {
    return refused.get();
  }

  /**
   * Of {@link #refusedWrites()}, those the store itself refused: this process still believed it
   * led, sent the write with its term, and the term was no longer the leader's. These are the
   * writes that only fencing stopped (a leader paused between its gate and its write); the others
   * were refused here, before reaching the store, because this process knew it did not lead.
   */
  public long staleTermWrites() {
    return staleTerm.get();
  }

  /**
   * The store revision of the last write that went through this view, 0 before the first. Every
   * write of a term lands before the next term begins (its key's create revision is higher), so a
   * deposed leader's last write revision is below its successor's term: the proof, readable from
   * outside, that nothing of the old term landed after the new one began.
   */
  public long lastWriteRevision() {
    return lastWrite.get();
  }

  @Override
  public long commit(List<WriteOp> ops) {
    OptionalLong term = token.term();
    if (term.isEmpty()) {
      refused.incrementAndGet();
      throw new FencedWriteException(
          "this server is not the leader, so it does not write as the control plane");
    }
    try {
      long revision = store.commit(ops, new KvFence(token.key(), term.getAsLong()));
      lastWrite.accumulateAndGet(revision, Math::max);
      return revision;
    } catch (FencedWriteException e) {
      staleTerm.incrementAndGet();
      long count = refused.incrementAndGet();
      LOG.warn(
          "fencing refused a control-plane write of term {} ({} so far): {}",
          term.getAsLong(),
          count,
          e.getMessage());
      throw e;
    }
  }

  @Override
  public <T extends StoredObject<T>> T create(T object) {
    return object.withRevision(commit(List.of(WriteOp.create(object))));
  }

  @Override
  public <T extends StoredObject<T>> T update(T object) {
    return object.withRevision(commit(List.of(WriteOp.update(object))));
  }

  @Override
  public <T extends StoredObject<T>> T put(T object) {
    return object.withRevision(commit(List.of(WriteOp.put(object))));
  }

  @Override
  public void delete(ObjectKind<?> kind, String key, long expectedRevision) {
    commit(List.of(new WriteOp.Delete(kind, key, expectedRevision)));
  }

  /** Does nothing: the view does not own the store it writes through. */
  @Override
  public void close() {}
}
