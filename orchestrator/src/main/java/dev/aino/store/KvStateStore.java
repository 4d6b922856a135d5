package dev.aino.store;

import dev.aino.api.Caller;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationException;
import dev.aino.metrics.Metrics;
import dev.aino.metrics.StoreOperation;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.ObjectRef;
import dev.aino.model.Resources;
import dev.aino.model.RuntimeInfo;
import dev.aino.model.StoredObject;
import dev.aino.model.Validate;
import dev.aino.store.spi.KvChange;
import dev.aino.store.spi.KvChangeListener;
import dev.aino.store.spi.KvConflictException;
import dev.aino.store.spi.KvEntry;
import dev.aino.store.spi.KvFence;
import dev.aino.store.spi.KvOp;
import dev.aino.store.spi.KvRange;
import dev.aino.store.spi.KvWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed {@link StateStore} over a key-value backend. Everything backends share lives here: the
 * document encoding (JSON with a schema version), turning precondition failures into typed errors
 * that name the object, and skipping corrupt documents; events are kept by its {@link EventLog} and
 * corrupt documents reported by its {@link CorruptRecordReport}. A backend implements the {@code
 * kv*} methods only.
 */
public abstract class KvStateStore implements StateStore {
  /** Version of the stored document layout; a reader refuses documents from a newer one. */
  public static final int SCHEMA_VERSION = DocumentCodec.SCHEMA_VERSION;

  private final StoreOptions options;
  private final EventLog events;
  private final CorruptRecordReport corruptRecords;
  private final DecodedCache cache = new DecodedCache(DecodedCache.DEFAULT_MAX_BYTES);
  private NodeInstanceRouter nodeInstances;
  private volatile Metrics metrics = Metrics.NONE;

  protected KvStateStore(StoreOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.events = new EventLog(this, options);
    this.corruptRecords = new CorruptRecordReport(events);
  }

  /** The value and mod revision under {@code key}, if any. */
  protected abstract Optional<KvEntry> kvGet(String key);

  /** Every entry under {@code prefix}, in key order, from one consistent read. */
  protected abstract KvRange kvRange(String prefix);

  /**
   * Applies every op or none, at one new revision, which it returns.
   *
   * @throws KvConflictException when a precondition fails; nothing was written
   */
  protected abstract long kvCommit(List<KvOp> ops) throws KvConflictException;

  /**
   * As {@link #kvCommit(List)}, in the same transaction as a check that {@code fence} holds.
   * Backends that serve one server only (memory, SQLite) have no leader to fence and refuse.
   *
   * @throws KvConflictException when a precondition of an op fails; nothing was written
   * @throws FencedWriteException when the fence fails; nothing was written
   */
  protected long kvCommit(List<KvOp> ops, KvFence fence) throws KvConflictException {
    throw new UnsupportedOperationException(backend() + " store cannot fence its writes");
  }

  /** Watches keys under {@code prefix} from {@code fromRevision} (inclusive; 0: from now). */
  protected abstract KvWatch kvWatch(String prefix, long fromRevision, KvChangeListener listener);

  /** The latest committed revision. */
  protected abstract long kvRevision();

  /**
   * True when the backend hands back the objects it was given ({@link KvEntry#decoded()}) on every
   * read, so that caching decoded objects here would only duplicate them.
   */
  protected boolean keepsWrittenObjects() {
    return false;
  }

  protected StoreOptions options() {
    return options;
  }

  @Override
  public long revision() {
    return kvRevision();
  }

  @Override
  public void reportTo(Metrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  private Optional<KvEntry> timedGet(String key) {
    long started = System.nanoTime();
    try {
      return kvGet(key);
    } finally {
      metrics.storeOperation(backend(), StoreOperation.GET, System.nanoTime() - started);
    }
  }

  private KvRange timedRange(String prefix) {
    long started = System.nanoTime();
    try {
      return kvRange(prefix);
    } finally {
      metrics.storeOperation(backend(), StoreOperation.RANGE, System.nanoTime() - started);
    }
  }

  private long timedCommit(List<KvOp> ops, KvFence fence) throws KvConflictException {
    long started = System.nanoTime();
    try {
      return fence == null ? kvCommit(ops) : kvCommit(ops, fence);
    } finally {
      metrics.storeOperation(backend(), StoreOperation.COMMIT, System.nanoTime() - started);
    }
  }

  /**
   * Encodes and decodes one document, so that Jackson's classes and serializers are loaded: a
   * server calls it on a spare thread at start-up, where the first write would otherwise pay for it
   * (about 400 ms) on the start-up path.
   */
  public static void warmUpCodec() {
    Resources resources = Resources.of(1000, 1024);
    Node node =
        new Node(
            "warm-up",
            "127.0.0.1:7070",
            Map.of(),
            resources,
            resources,
            NodeStatus.READY,
            true,
            new RuntimeInfo("simulated", "0", false),
            Instant.EPOCH,
            Instant.EPOCH,
            0);
    DocumentCodec.decode(Node.class, DocumentCodec.encode(node), 1);
    Event event =
        Event.of(
            ObjectRef.node("warm-up"), EventType.NORMAL, "Registered", "warm-up", Instant.EPOCH);
    DocumentCodec.decode(Event.class, DocumentCodec.encode(event), 1);
  }

  @Override
  public <T extends StoredObject<T>> Optional<T> get(ObjectKind<T> kind, String key) {
    Objects.requireNonNull(key, "key");
    return timedGet(kind.keyOf(key)).flatMap(entry -> decodeOrReport(kind, entry));
  }

  @Override
  public <T extends StoredObject<T>> ListResult<T> list(ObjectKind<T> kind) {
    return list(kind, "");
  }

  @Override
  public <T extends StoredObject<T>> ListResult<T> list(ObjectKind<T> kind, String keyPrefix) {
    KvRange range = timedRange(kind.keyOf(keyPrefix));
    List<T> items = new ArrayList<>(range.entries().size());
    for (KvEntry entry : range.entries()) {
      decodeOrReport(kind, entry).ifPresent(items::add);
    }
    return new ListResult<>(items, range.revision());
  }

  @Override
  public <T extends StoredObject<T>> T create(T object) {
    long revision = commit(List.of(WriteOp.create(object)));
    return object.withRevision(revision);
  }

  @Override
  public <T extends StoredObject<T>> T update(T object) {
    long revision = commit(List.of(WriteOp.update(object)));
    return object.withRevision(revision);
  }

  @Override
  public <T extends StoredObject<T>> T put(T object) {
    long revision = commit(List.of(WriteOp.put(object)));
    return object.withRevision(revision);
  }

  @Override
  public void delete(ObjectKind<?> kind, String key, long expectedRevision) {
    commit(List.of(new WriteOp.Delete(kind, key, expectedRevision)));
  }

  @Override
  public long commit(List<WriteOp> ops) {
    return commit(ops, null);
  }

  /**
   * As {@link #commit(List)}, applied only while {@code fence} holds (null: no fence), for the
   * {@link FencedStateStore} the control plane writes through.
   *
   * @throws FencedWriteException when the fence no longer holds; nothing was written
   */
  long commit(List<WriteOp> ops, KvFence fence) {
    if (ops.isEmpty()) {
      return revision();
    }
    List<KvOp> raw = new ArrayList<>(ops.size());
    for (WriteOp op : ops) {
      raw.add(toKv(op));
    }
    long revision;
    try {
      revision = timedCommit(raw, fence);
    } catch (KvConflictException e) {
      throw WriteConflict.describe(ops.get(e.opIndex()), e.actualRevision());
    }
    if (!keepsWrittenObjects()) {
      rememberWritten(raw, revision);
    }
    return revision;
  }

  /**
   * Caches what a commit wrote, in op order (a later op on a key wins), so that reading or watching
   * it back in this process decodes nothing.
   */
  private void rememberWritten(List<KvOp> ops, long revision) {
    for (KvOp op : ops) {
      if (op.isDelete()) {
        cache.remove(op.key());
      } else if (isCacheable(op.key())) {
        cache.put(op.key(), revision, (StoredObject<?>) op.source(), op.value().length);
      }
    }
  }

  /**
   * Events are not cached: they expire inside the backend, unseen here, and are read rarely; their
   * folding rewrites them often.
   */
  private static boolean isCacheable(String key) {
    return !key.startsWith(ObjectKind.EVENTS.prefix());
  }

  @Override
  public <T extends StoredObject<T>> Watch watch(
      ObjectKind<T> kind, long fromRevision, WatchListener<T> listener) {
    Objects.requireNonNull(listener, "listener");
    KvWatch raw =
        kvWatch(
            kind.prefix(),
            fromRevision,
            new KvChangeListener() {
              @Override
              public void onChanges(List<KvChange> changes) {
                for (KvChange change : changes) {
                  String key = change.key().substring(kind.prefix().length());
                  if (change.isDelete()) {
                    listener.onEvent(new WatchEvent.Delete<>(key, change.revision()));
                  } else {
                    KvEntry entry =
                        new KvEntry(
                            change.key(), change.value(), change.revision(), change.decoded());
                    decodeOrReport(kind, entry)
                        .ifPresent(
                            o -> listener.onEvent(new WatchEvent.Put<>(o, change.revision())));
                  }
                }
              }

              @Override
              public void onRelist(String reason, long currentRevision) {
                listener.onEvent(new WatchEvent.Relist<>(reason, currentRevision));
              }
            });
    return raw::close;
  }

  @Override
  public ListResult<Instance> listNodeInstances(String node) {
    Validate.text("node", node);
    return nodeInstances().list(node);
  }

  @Override
  public Watch watchNodeInstances(
      String node, long fromRevision, WatchListener<Instance> listener) {
    Validate.text("node", node);
    Objects.requireNonNull(listener, "listener");
    return nodeInstances().watch(node, fromRevision, listener);
  }

  private synchronized NodeInstanceRouter nodeInstances() {
    if (nodeInstances == null) {
      nodeInstances = new NodeInstanceRouter(this, options);
    }
    return nodeInstances;
  }

  /** Ends the watches of nodes' instances; backends call it when they close. */
  protected synchronized void closeNodeInstances() {
    if (nodeInstances != null) {
      nodeInstances.close();
    }
  }

  @Override
  public Event recordEvent(
      ObjectRef object, EventType type, String reason, String message, Instant at, Caller actor) {
    return events.record(object, type, reason, message, at, actor);
  }

  @Override
  public List<Event> events(ObjectRef object) {
    return events.of(object);
  }

  @Override
  public List<Event> events() {
    return events.all();
  }

  /** Drops expired events and the least recently seen beyond {@link StoreOptions#maxEvents}. */
  public void pruneEvents() {
    events.prune();
  }

  private KvOp toKv(WriteOp op) {
    if (op instanceof WriteOp.Delete d) {
      long expected = d.expectedRevision() == ANY_REVISION ? KvOp.PRESENT : d.expectedRevision();
      return new KvOp(d.kind().keyOf(d.key()), null, expected, null);
    }
    if (op instanceof WriteOp.Create c) {
      return kvPut(c.object(), KvOp.ABSENT);
    }
    if (op instanceof WriteOp.Update u) {
      if (u.object().revision() <= 0) {
        throw new ValidationException(
            "revision", "an update needs the revision that was read, got " + u.object().revision());
      }
      return kvPut(u.object(), u.object().revision());
    }
    return kvPut(((WriteOp.Put) op).object(), KvOp.ANY);
  }

  private KvOp kvPut(StoredObject<?> object, long expected) {
    ObjectKind<?> kind = ObjectKind.of(object.getClass());
    Duration ttl = object instanceof Event ? options.eventTtl() : null;
    return new KvOp(
        kind.keyOf(object.storeKey()), DocumentCodec.encode(object), expected, ttl, object);
  }

  private <T extends StoredObject<T>> Optional<T> decodeOrReport(
      ObjectKind<T> kind, KvEntry entry) {
    if (kind.type().isInstance(entry.decoded())) {
      // The very object that was encoded: records are immutable, only the revision is new.
      T object = kind.type().cast(entry.decoded());
      if (object.revision() == entry.modRevision()) {
        return Optional.of(object);
      }
      // Stamped once and remembered: otherwise every list rebuilds (and validates again) every
      // object it returns; 1,000 instances and 1,000 workloads were most of the console's
      // workloads page.
      T stamped = cache.get(kind.type(), entry.key(), entry.modRevision());
      if (stamped == null) {
        stamped = object.withRevision(entry.modRevision());
        if (isCacheable(entry.key())) {
          cache.put(entry.key(), entry.modRevision(), stamped, entry.value().length);
        }
      }
      return Optional.of(stamped);
    }
    T cached = cache.get(kind.type(), entry.key(), entry.modRevision());
    if (cached != null) {
      return Optional.of(cached);
    }
    T decoded;
    try {
      decoded = DocumentCodec.decode(kind.type(), entry.value(), entry.modRevision());
    } catch (AinoException e) {
      corruptRecords.report(entry, e);
      return Optional.empty();
    }
    if (isCacheable(entry.key())) {
      cache.put(entry.key(), entry.modRevision(), decoded, entry.value().length);
    }
    return Optional.of(decoded);
  }

  /** Wraps a backend failure as UNAVAILABLE with a message that names the backend. */
  protected AinoException unavailable(String what, Throwable cause) {
    return new dev.aino.error.UnavailableException(
        backend() + " store unavailable: " + what + ": " + rootMessage(cause), cause);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** True for errors that callers should not see as UNAVAILABLE. */
  protected static boolean isDomainError(Throwable t) {
    return t instanceof AinoException a && a.code() != ErrorCode.UNAVAILABLE;
  }
}
