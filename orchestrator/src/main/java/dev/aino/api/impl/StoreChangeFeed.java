package dev.aino.api.impl;

import dev.aino.api.Change;
import dev.aino.api.ChangeCursor;
import dev.aino.api.ChangeFeed;
import dev.aino.api.ChangeKind;
import dev.aino.model.ObjectRef;
import dev.aino.model.StoredObject;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link ChangeFeed} over store watches. For {@link #subscribe} (workloads, instances and nodes)
 * a relist (the watch fell behind compaction) is not forwarded: the watch resumes itself and later
 * puts follow. For {@link #follow}, whose follower keeps a cursor, it is: the follower must know
 * that changes were lost.
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

  @Override
  public ChangeCursor now(Set<ChangeKind> kinds) {
    return ChangeCursor.after(kinds, store.revision());
  }

  @Override
  public Subscription follow(ChangeCursor from, Consumer<Change> listener) {
    long current = store.revision();
    if (from.highest() > current) {
      // A cursor from another store (or one that lost its data): its watch would wait for
      // revisions that mean something else here, silently.
      ChangeKind kind = from.kinds().iterator().next();
      listener.accept(
          Change.relist(
              kind,
              current,
              "the cursor is at revision "
                  + from.highest()
                  + " but the store only at "
                  + current
                  + ": it comes from another store"));
      return () -> {};
    }
    List<Watch> watches = new ArrayList<>();
    try {
      for (ChangeKind kind : from.kinds()) {
        watches.add(follow(kind, kind.storeKind(), from.position(kind), listener));
      }
    } catch (RuntimeException e) {
      watches.forEach(Watch::close);
      throw e;
    }
    return () -> watches.forEach(Watch::close);
  }

  /**
   * Watches one kind from its position; of the position's own revision, the changes it has seen are
   * skipped (the store delivers a revision's changes in the same order to every watch).
   */
  private <T extends StoredObject<T>> Watch follow(
      ChangeKind kind,
      ObjectKind<T> storeKind,
      ChangeCursor.Position position,
      Consumer<Change> listener) {
    AtomicInteger toSkip = new AtomicInteger(position.changes());
    return store.watch(
        storeKind,
        position.resumeFrom(),
        event -> {
          // One watch's events arrive one at a time, in order (not always on the same thread).
          if (toSkip.get() > 0
              && event.revision() == position.revision()
              && !(event instanceof WatchEvent.Relist<T>)) {
            toSkip.decrementAndGet();
            return;
          }
          toSkip.set(0);
          if (event instanceof WatchEvent.Put<T> put) {
            listener.accept(
                Change.put(
                    kind, put.revision(), nameOf(kind, put.object().storeKey()), put.object()));
          } else if (event instanceof WatchEvent.Delete<T> delete) {
            listener.accept(Change.delete(kind, delete.revision(), nameOf(kind, delete.key())));
          } else if (event instanceof WatchEvent.Relist<T> relist) {
            listener.accept(Change.relist(kind, relist.revision(), relist.reason()));
          }
        });
  }

  /**
   * The name a follower knows an object by: its store key, except an instance's, which is {@code
   * <workload>/<id>} in the store and known by its id.
   */
  private static String nameOf(ChangeKind kind, String key) {
    return kind == ChangeKind.INSTANCE ? key.substring(key.lastIndexOf('/') + 1) : key;
  }
}
