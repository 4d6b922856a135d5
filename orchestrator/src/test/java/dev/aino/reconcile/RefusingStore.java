package dev.aino.reconcile;

import dev.aino.api.Caller;
import dev.aino.metrics.Metrics;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.model.StoredObject;
import dev.aino.store.ListResult;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.Watch;
import dev.aino.store.WatchListener;
import dev.aino.store.WriteOp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A store whose writes fail while a test says so, with the error the test chooses (an outage, a
 * lost race); everything else goes to the store it wraps.
 */
final class RefusingStore implements StateStore {
  private final StateStore inner;
  private volatile Function<List<WriteOp>, RuntimeException> refusal = ops -> null;

  RefusingStore(StateStore inner) {
    this.inner = inner;
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

  @Override
  public String backend() {
    return inner.backend();
  }

  @Override
  public void reportTo(Metrics metrics) {
    inner.reportTo(metrics);
  }

  @Override
  public long revision() {
    return inner.revision();
  }

  @Override
  public <T extends StoredObject<T>> Optional<T> get(ObjectKind<T> kind, String key) {
    return inner.get(kind, key);
  }

  @Override
  public <T extends StoredObject<T>> ListResult<T> list(ObjectKind<T> kind) {
    return inner.list(kind);
  }

  @Override
  public <T extends StoredObject<T>> ListResult<T> list(ObjectKind<T> kind, String keyPrefix) {
    return inner.list(kind, keyPrefix);
  }

  @Override
  public <T extends StoredObject<T>> Watch watch(
      ObjectKind<T> kind, long fromRevision, WatchListener<T> listener) {
    return inner.watch(kind, fromRevision, listener);
  }

  @Override
  public ListResult<Instance> listNodeInstances(String node) {
    return inner.listNodeInstances(node);
  }

  @Override
  public Watch watchNodeInstances(
      String node, long fromRevision, WatchListener<Instance> listener) {
    return inner.watchNodeInstances(node, fromRevision, listener);
  }

  @Override
  public Event recordEvent(
      ObjectRef object, EventType type, String reason, String message, Instant at, Caller actor) {
    return inner.recordEvent(object, type, reason, message, at, actor);
  }

  @Override
  public List<Event> events(ObjectRef object) {
    return inner.events(object);
  }

  @Override
  public List<Event> events() {
    return inner.events();
  }

  @Override
  public void close() {
    inner.close();
  }
}
