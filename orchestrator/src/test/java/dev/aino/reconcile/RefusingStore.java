package dev.aino.reconcile;

import dev.aino.model.Instance;
import dev.aino.model.StoredObject;
import dev.aino.store.ForwardingStateStore;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.WriteOp;
import java.util.List;
import java.util.function.Function;

/**
 * A store whose writes fail while a test says so, with the error the test chooses (an outage, a
 * lost race); everything else goes to the store it wraps.
 */
final class RefusingStore extends ForwardingStateStore {
  private volatile Function<List<WriteOp>, RuntimeException> refusal = ops -> null;

  RefusingStore(StateStore inner) {
    super(inner);
  }

  /** From now on, a write for which {@code refusal} returns an error throws it instead. */
  void refuse(Function<List<WriteOp>, RuntimeException> refusal) {
    this.refusal = refusal;
  }

  /** Writes go through again. */
  void accept() {
    refusal = ops -> null;
  }

  /** True when {@code ops} assign an instance to a node: what a scheduling pass writes. */
  static boolean places(List<WriteOp> ops) {
    return ops.stream()
        .anyMatch(
            op ->
                op instanceof WriteOp.Update u
                    && u.object() instanceof Instance i
                    && i.node() != null);
  }

  private void check(List<WriteOp> ops) {
    RuntimeException refused = refusal.apply(ops);
    if (refused != null) {
      throw refused;
    }
  }

  @Override
  public long commit(List<WriteOp> ops) {
    check(ops);
    return inner.commit(ops);
  }

  @Override
  public <T extends StoredObject<T>> T create(T object) {
    check(List.of(WriteOp.create(object)));
    return inner.create(object);
  }

  @Override
  public <T extends StoredObject<T>> T update(T object) {
    check(List.of(WriteOp.update(object)));
    return inner.update(object);
  }

  @Override
  public <T extends StoredObject<T>> T put(T object) {
    check(List.of(WriteOp.put(object)));
    return inner.put(object);
  }

  @Override
  public void delete(ObjectKind<?> kind, String key, long expectedRevision) {
    check(List.of(new WriteOp.Delete(kind, key, expectedRevision)));
    inner.delete(kind, key, expectedRevision);
  }
}
