package dev.aino.bench.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The baseline for aino on etcd: the same operations through a plain jetcd client, with bytes of
 * the same size and keys laid out as aino lays them out ({@code
 * <prefix>instances/<workload>/<id>}). A conditional write is a transaction comparing the key's mod
 * revision; a batch of creates is one transaction of puts, each on a compare that its key is absent
 * (what a create means, as in aino); a list is a prefix get; a watch is a native prefix watch.
 */
final class BareEtcdTarget implements ReadTarget {
  /** As aino's client: one list of 100,000 instances is far beyond gRPC's default 4 MiB. */
  private static final int MAX_INBOUND_BYTES = 256 * 1024 * 1024;

  private static final long TIMEOUT_SECONDS = 120;

  private final Client client;
  private final KV kv;
  private final String instancesPrefix;
  private final byte[] template;

  /**
   * @param endpoint etcd's client URL
   * @param prefix the key prefix this target owns, ending with {@code /}
   * @param template the payload every write copies and stamps
   */
  BareEtcdTarget(String endpoint, String prefix, byte[] template) {
    this.client =
        Client.builder().endpoints(endpoint).maxInboundMessageSize(MAX_INBOUND_BYTES).build();
    this.kv = client.getKVClient();
    this.instancesPrefix = prefix + "instances/";
    this.template = template;
  }

  @Override
  public String name() {
    return "bare jetcd";
  }

  @Override
  public Writer writer(String workload, int keys) throws Exception {
    ByteSequence[] keyBytes = new ByteSequence[keys];
    long[] revisions = new long[keys];
    for (int i = 0; i < keys; i++) {
      keyBytes[i] = key(workload, i);
      revisions[i] = conditionalPut(keyBytes[i], CmpTarget.version(0), System.nanoTime());
    }
    return new Writer() {
      private int next;

      @Override
      public void write(long stampNanos) throws Exception {
        int i = next;
        next = (next + 1) % keys;
        revisions[i] = conditionalPut(keyBytes[i], CmpTarget.modRevision(revisions[i]), stampNanos);
      }
    };
  }

  private long conditionalPut(ByteSequence key, CmpTarget<?> expected, long stampNanos)
      throws Exception {
    TxnResponse response =
        await(
            kv.txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, expected))
                .Then(Op.put(key, payload(stampNanos), PutOption.DEFAULT))
                .commit());
    if (!response.isSucceeded()) {
      throw new IllegalStateException("conditional put of " + key + " lost: nobody else writes it");
    }
    return response.getHeader().getRevision();
  }

  @Override
  public Batch batch(String workload, int first, int count) {
    // The bytes are ready beforehand, as aino's objects are; building jetcd's request from them
    // (copying and hashing keys and values) is part of the write, as it is in aino's commit.
    String[] keys = new String[count];
    byte[][] values = new byte[count][];
    long stamp = System.nanoTime();
    for (int i = 0; i < count; i++) {
      keys[i] = keyText(workload, first + i);
      values[i] = Payloads.stamped(template, stamp);
    }
    return () -> {
      Cmp[] absent = new Cmp[count];
      Op[] puts = new Op[count];
      for (int i = 0; i < count; i++) {
        ByteSequence key = bytes(keys[i]);
        absent[i] = new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0));
        puts[i] = Op.put(key, ByteSequence.from(values[i]), PutOption.DEFAULT);
      }
      if (!await(kv.txn().If(absent).Then(puts).commit()).isSucceeded()) {
        throw new IllegalStateException("a key of the batch exists: nobody else writes these keys");
      }
    };
  }

  @Override
  public int listAll() throws Exception {
    return countUnder(instancesPrefix);
  }

  @Override
  public int listWorkload(String workload) throws Exception {
    return countUnder(instancesPrefix + workload + "/");
  }

  private int countUnder(String prefix) throws Exception {
    return await(kv.get(bytes(prefix), GetOption.builder().isPrefix(true).build())).getKvs().size();
  }

  @Override
  public Subscription watch(LongConsumer stamps) {
    Watch.Watcher watcher =
        client
            .getWatchClient()
            .watch(
                bytes(instancesPrefix),
                WatchOption.builder().isPrefix(true).build(),
                Watch.listener(
                    response -> {
                      for (WatchEvent event : response.getEvents()) {
                        if (event.getEventType() == WatchEvent.EventType.PUT) {
                          stamps.accept(
                              Payloads.stampOf(event.getKeyValue().getValue().getBytes()));
                        }
                      }
                    }));
    return watcher::close;
  }

  @Override
  public void close() {
    client.close();
  }

  private ByteSequence key(String workload, int index) {
    return bytes(keyText(workload, index));
  }

  private String keyText(String workload, int index) {
    return instancesPrefix + workload + "/" + workload + "-" + Integer.toString(index, 36);
  }

  private ByteSequence payload(long stampNanos) {
    return ByteSequence.from(Payloads.stamped(template, stampNanos));
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  private static <T> T await(CompletableFuture<T> call) throws Exception {
    return call.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
