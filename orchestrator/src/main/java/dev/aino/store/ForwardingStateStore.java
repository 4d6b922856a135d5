package dev.aino.store;

import dev.aino.api.Caller;
import dev.aino.metrics.Metrics;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.ObjectRef;
import dev.aino.model.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store that hands every call to another, for views that change a few calls and override only
 * those: {@link FencedStateStore} fences the writes, and tests count reads or refuse writes.
 */
public abstract class ForwardingStateStore implements StateStore {
  /** The store every call not overridden goes to. */
  protected final StateStore inner;

  protected ForwardingStateStore(StateStore inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
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
  public <T extends StoredObject<T>> T create(T object) {
    return inner.create(object);
  }

  @Override
  public <T extends StoredObject<T>> T update(T object) {
    return inner.update(object);
  }

  @Override
  public <T extends StoredObject<T>> T put(T object) {
    return inner.put(object);
  }

  @Override
  public void delete(ObjectKind<?> kind, String key, long expectedRevision) {
    inner.delete(kind, key, expectedRevision);
  }

  @Override
  public long commit(List<WriteOp> ops) {
    return inner.commit(ops);
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
