package dev.aino.bench.store;

import dev.aino.model.Instance;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import dev.aino.store.WriteOp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** aino's typed store, any backend: what the control loop and the API write through. */
final class AinoTarget implements ReadTarget {
  private final StateStore store;

  /** Takes over {@code store}: closing the target closes it. */
  AinoTarget(StateStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "aino";
  }

  @Override
  public Writer writer(String workload, int keys) {
    Instance[] current = new Instance[keys];
    for (int i = 0; i < keys; i++) {
      current[i] = store.create(Payloads.instance(workload, i, System.nanoTime()));
    }
    return new Writer() {
      private int next;

      @Override
      public void write(long stampNanos) {
        int i = next;
        next = (next + 1) % keys;
        current[i] = store.update(Payloads.restamped(current[i], stampNanos));
      }
    };
  }

  @Override
  public Batch batch(String workload, int first, int count) {
    List<WriteOp> ops = new ArrayList<>(count);
    long stamp = System.nanoTime();
    for (int i = first; i < first + count; i++) {
      ops.add(WriteOp.create(Payloads.instance(workload, i, stamp)));
    }
    return () -> store.commit(ops);
  }

  @Override
  public int listAll() {
    return store.list(ObjectKind.INSTANCES).items().size();
  }

  @Override
  public int listWorkload(String workload) {
    return store.instancesOf(workload).size();
  }

  @Override
  public Subscription watch(LongConsumer stamps) {
    Watch watch =
        store.watch(
            ObjectKind.INSTANCES,
            0,
            event -> {
              if (event instanceof WatchEvent.Put<Instance> put) {
                stamps.accept(Payloads.stampOf(put.object()));
              }
            });
    return watch::close;
  }

  @Override
  public void close() {
    store.close();
  }
}
