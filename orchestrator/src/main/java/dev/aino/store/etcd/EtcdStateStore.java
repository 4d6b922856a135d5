package dev.aino.store.etcd;

import dev.aino.error.AinoException;
import dev.aino.store.FencedWriteException;
import dev.aino.store.KvStateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.spi.KvChangeListener;
import dev.aino.store.spi.KvConflictException;
import dev.aino.store.spi.KvEntry;
import dev.aino.store.spi.KvFence;
import dev.aino.store.spi.KvOp;
import dev.aino.store.spi.KvRange;
import dev.aino.store.spi.KvWatch;
import dev.aino.store.spi.WatchDelivery;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state store in etcd, the choice for highly available control planes. Keys are {@code
 * namespace + kind/key} (e.g. {@code /aino/v1/instances/web/web-7f3k2}); store revisions are etcd's
 * revisions; a batch is one etcd transaction whose compares are the batch's preconditions; watches
 * are native etcd watches that resume after a reconnect; events expire through shared leases.
 *
 * <p>Every call is bounded by the configured request timeout; an etcd that cannot be reached makes
 * calls fail with {@link dev.aino.error.UnavailableException}, and the same store works again once
 * etcd is back.
 */
public final class EtcdStateStore extends KvStateStore {
  private static final GetOption KEYS_ONLY = GetOption.builder().withKeysOnly(true).build();

  /** A range comes back in key order; asking etcd to sort by key would only sort it again. */
  private static final GetOption PREFIX = GetOption.builder().isPrefix(true).build();

  private final EtcdConfig config;
  private final int namespaceLength;
  private final Client client;
  private final KV kv;
  private final EtcdCalls calls;
  private final EtcdLeases leases;
  private final ExecutorService deliveries = WatchDelivery.newPool();
  private final ScheduledExecutorService watchScheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "aino-etcd-watch");
            t.setDaemon(true);
            return t;
          });
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Connects lazily: the constructor does not wait for etcd, the first call does (up to the request
   * timeout).
   */
  public EtcdStateStore(EtcdConfig config, StoreOptions options) {
    super(options);
    this.config = Objects.requireNonNull(config, "config");
    this.namespaceLength = config.namespace().getBytes(StandardCharsets.UTF_8).length;
    this.client = EtcdClients.build(config);
    this.kv = client.getKVClient();
    this.calls = new EtcdCalls(config.requestTimeout(), this::unavailable);
    this.leases = new EtcdLeases(client.getLeaseClient(), calls, System::nanoTime);
  }

  @Override
  public String backend() {
    return "etcd";
  }

  /** The settings this store was opened with. */
  public EtcdConfig config() {
    return config;
  }

  @Override
  protected long kvRevision() {
    // A count-only read of one key: cheap, and its header carries the current revision.
    GetResponse response =
        calls.await(
            "reading the revision",
            () ->
                kv.get(bytes(config.namespace()), GetOption.builder().withCountOnly(true).build()));
    return response.getHeader().getRevision();
  }

  @Override
  protected Optional<KvEntry> kvGet(String key) {
    GetResponse response = calls.await("reading " + key, () -> kv.get(bytes(fullKey(key))));
    if (response.getKvs().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(entryOf(response.getKvs().get(0)));
  }

  @Override
  protected KvRange kvRange(String prefix) {
    GetResponse response =
        calls.await("listing " + prefix, () -> kv.get(bytes(fullKey(prefix)), PREFIX));
    List<KvEntry> entries = new ArrayList<>(response.getKvs().size());
    for (KeyValue kv : response.getKvs()) {
      entries.add(entryOf(kv));
    }
    return new KvRange(entries, response.getHeader().getRevision());
  }

  @Override
  protected long kvCommit(List<KvOp> ops) throws KvConflictException {
    return kvCommit(ops, null);
  }

  /** One transaction whose compares also hold the fence: the election key's create revision. */
  @Override
  protected long kvCommit(List<KvOp> ops, KvFence fence) throws KvConflictException {
    try {
      return commitOnce(ops, fence);
    } catch (AinoException e) {
      if (!EtcdCalls.isLeaseNotFound(e)) {
        throw e;
      }
      // A cached lease is gone (etcd restored from a backup, or a clock jump): grant afresh.
      leases.forgetAll();
      return commitOnce(ops, fence);
    }
  }

  /**
   * One transaction: if every precondition holds, apply the writes. Only when one fails are the
   * keys read (in a second, read-only transaction) to name the op at fault: sending those reads as
   * the else branch of every transaction doubled the size of a batch for the rare conflict.
   */
  private long commitOnce(List<KvOp> ops, KvFence fence) throws KvConflictException {
    List<Cmp> compares = new ArrayList<>();
    if (fence != null) {
      compares.add(
          new Cmp(
              bytes(fullKey(fence.key())), Cmp.Op.EQUAL, CmpTarget.createRevision(fence.term())));
    }
    // etcd refuses two writes to one key in a transaction; the last one wins, as if in sequence.
    Map<String, Op> writes = new LinkedHashMap<>();
    for (KvOp op : ops) {
      ByteSequence key = bytes(fullKey(op.key()));
      Cmp compare = compareFor(key, op.expected());
      if (compare != null) {
        compares.add(compare);
      }
      writes.remove(op.key());
      writes.put(op.key(), writeFor(key, op));
    }
    TxnResponse response =
        calls.await(
            "committing " + ops.size() + " write(s)",
            () ->
                kv.txn()
                    .If(compares.toArray(Cmp[]::new))
                    .Then(writes.values().toArray(Op[]::new))
                    .commit());
    if (response.isSucceeded()) {
      return response.getHeader().getRevision();
    }
    Optional<KvConflictException> conflict = conflictIn(ops, fence);
    if (conflict.isPresent()) {
      throw conflict.get();
    }
    // The key that refused the write changed back since (created, then deleted again): nothing
    // was written, so trying again is as if the write had come now.
    return commitOnce(ops, fence);
  }

  private static Cmp compareFor(ByteSequence key, long expected) {
    if (expected == KvOp.ANY) {
      return null;
    }
    if (expected == KvOp.ABSENT) {
      return new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0));
    }
    if (expected == KvOp.PRESENT) {
      return new Cmp(key, Cmp.Op.GREATER, CmpTarget.version(0));
    }
    return new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(expected));
  }

  private Op writeFor(ByteSequence key, KvOp op) {
    if (op.isDelete()) {
      return Op.delete(key, DeleteOption.DEFAULT);
    }
    PutOption options =
        op.ttl() == null
            ? PutOption.DEFAULT
            : PutOption.builder().withLeaseId(leases.leaseFor(op.ttl())).build();
    return Op.put(key, ByteSequence.from(op.value()), options);
  }

  /**
   * The first op whose precondition the stored revisions refute, read after the failed transaction
   * in one consistent view; empty when none does any more.
   */
  private Optional<KvConflictException> conflictIn(List<KvOp> ops, KvFence fence) {
    List<Op> reads = new ArrayList<>();
    if (fence != null) {
      // First, so that a stale leader is told it is fenced even when an op conflicts too.
      reads.add(Op.get(bytes(fullKey(fence.key())), KEYS_ONLY));
    }
    for (KvOp op : ops) {
      if (op.expected() != KvOp.ANY) {
        reads.add(Op.get(bytes(fullKey(op.key())), KEYS_ONLY));
      }
    }
    TxnResponse response =
        calls.await(
            "reading " + reads.size() + " key(s) after a refused write",
            () -> kv.txn().Then(reads.toArray(Op[]::new)).commit());
    List<GetResponse> answers = response.getGetResponses();
    if (fence != null) {
      List<KeyValue> leader = answers.get(0).getKvs();
      long current = leader.isEmpty() ? 0 : leader.get(0).getCreateRevision();
      if (current != fence.term()) {
        throw new FencedWriteException(
            "the write of term "
                + fence.term()
                + " was refused: "
                + (current == 0
                    ? "no server leads now"
                    : "another server leads since revision " + current));
      }
    }
    Map<String, Long> stored = new HashMap<>();
    for (GetResponse read : answers) {
      for (KeyValue kv : read.getKvs()) {
        stored.put(relativeKey(kv.getKey()), kv.getModRevision());
      }
    }
    for (int i = 0; i < ops.size(); i++) {
      long actual = stored.getOrDefault(ops.get(i).key(), 0L);
      if (!ops.get(i).admits(actual)) {
        return Optional.of(new KvConflictException(i, actual));
      }
    }
    return Optional.empty();
  }

  @Override
  protected KvWatch kvWatch(String prefix, long fromRevision, KvChangeListener listener) {
    if (closed.get()) {
      throw unavailable("watching " + prefix, new IllegalStateException("the store is closed"));
    }
    // "From now" is pinned before returning, so a write made right after this call is seen.
    long from = fromRevision > 0 ? fromRevision : kvRevision() + 1;
    WatchDelivery delivery =
        new WatchDelivery(
            config.namespace() + prefix, listener, options().maxPendingPerWatch(), deliveries);
    EtcdWatch watch =
        new EtcdWatch(
            client.getWatchClient(), config.namespace(), prefix, from, delivery, watchScheduler);
    watches.removeIf(EtcdWatch::ended); // those that relisted, whose owners need not close them
    watches.add(watch);
    watch.start();
    return () -> {
      watches.remove(watch);
      watch.close();
    };
  }

  /** Closes every watch and the connection; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeNodeInstances();
    calls.close();
    watches.forEach(EtcdWatch::close);
    watches.clear();
    watchScheduler.shutdownNow();
    client.close();
    deliveries.shutdownNow();
  }

  /** The connection, for the leader election that shares it. */
  Client client() {
    return client;
  }

  /** How calls are awaited and their failures typed, for the leader election. */
  EtcdCalls calls() {
    return calls;
  }

  String fullKey(String key) {
    return config.namespace() + key;
  }

  /** Copies the value out of the response only when it is decoded, not when it was cached. */
  private KvEntry entryOf(KeyValue kv) {
    return KvEntry.lazy(
        relativeKey(kv.getKey()), kv.getModRevision(), () -> kv.getValue().getBytes());
  }

  private String relativeKey(ByteSequence key) {
    return key.substring(namespaceLength).toString(StandardCharsets.UTF_8);
  }

  static ByteSequence bytes(String key) {
    return ByteSequence.from(key, StandardCharsets.UTF_8);
  }
}
