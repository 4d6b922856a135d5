package dev.aino.store;

import dev.aino.api.Caller;
import dev.aino.error.AlreadyExistsException;
import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.metrics.Metrics;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.ObjectRef;
import dev.aino.model.StoredObject;
import dev.aino.model.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * aino's state: nodes, workloads, instances and events, each stamped with the store revision it was
 * written at. One contract, three backends (memory, SQLite, etcd), one contract test.
 *
 * <ul>
 *   <li>Revisions grow with every committed batch; all writes of one batch share one revision.
 *   <li>{@link #update} and {@link #commit} with {@link WriteOp.Update} are compare-and-swap on the
 *       revision the writer read: a lost race throws {@link dev.aino.error.ConflictException} and
 *       writes nothing.
 *   <li>{@link #watch} delivers every later put and delete in revision order and can resume from a
 *       revision; when that revision is gone it delivers {@link WatchEvent.Relist}.
 *   <li>A stored document that cannot be decoded is skipped by reads and reported once as a {@code
 *       CorruptRecord} warning event; it never fails a list.
 *   <li>A backend that cannot be reached throws {@link dev.aino.error.UnavailableException}.
 * </ul>
 */
public interface StateStore extends AutoCloseable {
  /** For {@link WriteOp.Delete} and {@link #delete}: whatever revision is stored. */
  long ANY_REVISION = -1;

  /** How often {@link #update(ObjectKind, String, Function)} tries before it gives up. */
  int UPDATE_ATTEMPTS = 16;

  /** {@code memory}, {@code sqlite} or {@code etcd}. */
  String backend();

  /**
   * Reports the latency of every backend operation from now on to {@code metrics}, labelled with
   * {@link #backend()}; until it is called, nothing is reported.
   */
  void reportTo(Metrics metrics);

  /** The latest committed revision. */
  long revision();

  <T extends StoredObject<T>> Optional<T> get(ObjectKind<T> kind, String key);

  /** Every object of the kind, in key order. */
  <T extends StoredObject<T>> ListResult<T> list(ObjectKind<T> kind);

  /** Objects of the kind whose key starts with {@code keyPrefix}, in key order. */
  <T extends StoredObject<T>> ListResult<T> list(ObjectKind<T> kind, String keyPrefix);

  /** Stores a new object; ALREADY_EXISTS when the key is taken. Returns it with its revision. */
  <T extends StoredObject<T>> T create(T object);

  /**
   * Replaces an object if its stored revision equals {@code object.revision()}; NOT_FOUND when it
   * is gone, CONFLICT when it changed. Returns it with its new revision.
   */
  <T extends StoredObject<T>> T update(T object);

  /**
   * Read-modify-write with compare-and-swap, retried on a lost race: reads the object at {@code
   * key} and passes it to {@code change} (empty when there is none). What {@code change} returns is
   * created when there was none, written conditionally on the revision read when it differs from
   * what was read, and not written at all when it is equal. When the write loses a race (another
   * writer created, changed or deleted it in between) the object is read again and {@code change}
   * runs again on the newer copy, at most {@value #UPDATE_ATTEMPTS} times in all. {@code change}
   * refuses by throwing; that exception reaches the caller as it is, and nothing is written.
   *
   * @throws dev.aino.error.ConflictException naming the object when every attempt lost a race
   */
  default <T extends StoredObject<T>> UpdateResult<T> update(
      ObjectKind<T> kind, String key, Function<Optional<T>, T> change) {
    for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      Optional<T> current = get(kind, key);
      T next = Objects.requireNonNull(change.apply(current), "change returned null");
      if (current.isPresent() && next.equals(current.get())) {
        return new UpdateResult<>(current.get(), current.get());
      }
      try {
        T written = current.isPresent() ? update(next) : create(next);
        return new UpdateResult<>(current.orElse(null), written);
      } catch (ConflictException | AlreadyExistsException | NotFoundException lostRace) {
        // Another writer came first: read its copy and decide again.
      }
    }
    throw new ConflictException(
        kind.singular()
            + " \""
            + key
            + "\" kept changing; gave up after "
            + UPDATE_ATTEMPTS
            + " tries, try again");
  }

  /** Creates or replaces unconditionally. Returns it with its new revision. */
  <T extends StoredObject<T>> T put(T object);

  /** Deletes, conditionally on {@code expectedRevision} unless it is {@link #ANY_REVISION}. */
  void delete(ObjectKind<?> kind, String key, long expectedRevision);

  /** Applies every op or none, at one new revision, which it returns. */
  long commit(List<WriteOp> ops);

  /**
   * Watches a kind from {@code fromRevision} (inclusive; 0 or less means from the next change).
   * Events arrive on a store thread, in order; the writer never waits for a watcher.
   */
  <T extends StoredObject<T>> Watch watch(
      ObjectKind<T> kind, long fromRevision, WatchListener<T> listener);

  /**
   * The instances placed on {@code node} as of the latest write, with the revision to {@link
   * #watchNodeInstances watch} them from. A full read: for a watcher's start and relists.
   */
  ListResult<Instance> listNodeInstances(String node);

  /**
   * Watches the instances placed on {@code node} from {@code fromRevision} (inclusive; 0 or less
   * means from the next change): puts of instances placed there, the put that moves one away (it
   * carries its new node), and deletes of instances last placed there. Nothing about any other
   * node's instances. Ordered and resumable as {@link #watch}, which also tells it to relist.
   */
  Watch watchNodeInstances(String node, long fromRevision, WatchListener<Instance> listener);

  /**
   * Records that something happened to {@code object}. A repeat of the same reason on the same
   * object folds into the existing event (count + 1, latest message). Events expire after the
   * store's retention time and the oldest are dropped beyond its bound.
   */
  default Event recordEvent(ObjectRef object, EventType type, String reason, String message) {
    return recordEvent(object, type, reason, message, null);
  }

  /**
   * As {@link #recordEvent(ObjectRef, EventType, String, String)}, at {@code at} (null: now): for
   * an event about a write that others react to, the time of the write, so that it sorts before
   * their events even when it is recorded after them.
   */
  default Event recordEvent(
      ObjectRef object, EventType type, String reason, String message, Instant at) {
    return recordEvent(object, type, reason, message, at, null);
  }

  /**
   * As {@link #recordEvent(ObjectRef, EventType, String, String, Instant)}, caused by {@code actor}
   * (null: the control plane), who is then named on the event.
   */
  Event recordEvent(
      ObjectRef object, EventType type, String reason, String message, Instant at, Caller actor);

  /** Events about one object, oldest first. */
  List<Event> events(ObjectRef object);

  /** All retained events, oldest first. */
  List<Event> events();

  @Override
  void close();

  // Typed conveniences over the generic operations.

  default Optional<Node> node(String name) {
    return get(ObjectKind.NODES, name);
  }

  default Optional<Workload> workload(String name) {
    return get(ObjectKind.WORKLOADS, name);
  }

  /** The instance with this id; its key is derived from the id. */
  default Optional<Instance> instance(String id) {
    return get(ObjectKind.INSTANCES, Instance.workloadOf(id) + "/" + id);
  }

  default List<Node> nodes() {
    return list(ObjectKind.NODES).items();
  }

  default List<Workload> workloads() {
    return list(ObjectKind.WORKLOADS).items();
  }

  default List<Instance> instances() {
    return list(ObjectKind.INSTANCES).items();
  }

  /** A workload's instances, by key prefix. */
  default List<Instance> instancesOf(String workload) {
    return list(ObjectKind.INSTANCES, workload + "/").items();
  }

  /** Instances placed on a node. */
  default List<Instance> instancesOn(String node) {
    return instances().stream().filter(i -> node.equals(i.node())).toList();
  }
}
