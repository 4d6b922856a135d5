package dev.aino.api.impl;

import dev.aino.api.ChangeFeed;
import dev.aino.model.ObjectRef;
import dev.aino.model.StoredObject;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link ChangeFeed} over store watches of workloads, instances and nodes. A relist (the watch
 * fell behind compaction) is not forwarded: the watch resumes itself and later puts follow.
 */
public final class StoreChangeFeed implements ChangeFeed {
  private final StateStore store;

  public StoreChangeFeed(StateStore store) {
    this.store = store;
  }

  @Override
  public Subscription subscribe(Consumer<ObjectRef> listener) {
    List<Watch> watches = new ArrayList<>();
    watches.add(watch(ObjectKind.WORKLOADS, w -> ObjectRef.workload(w.name()), listener));
    watches.add(watch(ObjectKind.INSTANCES, i -> ObjectRef.instance(i.id()), listener));
    watches.add(watch(ObjectKind.NODES, n -> ObjectRef.node(n.name()), listener));
    return () -> watches.forEach(Watch::close);
  }

  private <T extends StoredObject<T>> Watch watch(
      ObjectKind<T> kind, Function<T, ObjectRef> refOf, Consumer<ObjectRef> listener) {
    return store.watch(
        kind,
        0,
        event -> {
          if (event instanceof WatchEvent.Put<T> put) {
            listener.accept(refOf.apply(put.object()));
          } else if (event instanceof WatchEvent.Delete<T> delete) {
            listener.accept(refOfKey(kind, delete.key()));
          }
        });
  }

  /** Store keys end in the object's name (instances: {@code <workload>/<id>}). */
  private static ObjectRef refOfKey(ObjectKind<?> kind, String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    if (kind == ObjectKind.INSTANCES) {
      return ObjectRef.instance(name);
    }
    return kind == ObjectKind.NODES ? ObjectRef.node(name) : ObjectRef.workload(name);
  }
}
