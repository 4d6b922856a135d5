package dev.aino.reconcile;

import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.StoredObject;
import dev.aino.model.Workload;
import dev.aino.store.ListResult;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, watch-fed copy of nodes, workloads and instances (client-go's informer). Controllers
 * read it instead of listing the store on every pass, which is what lets one process drive a
 * million instances. Writers feed their own successful writes back in ({@link #observe}), so a
 * reconciler never acts on a copy older than what it wrote itself; every entry only moves forward
 * in revision.
 */
public final class ClusterCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterCache.class);

  /** Nodes, workloads and instances: the kinds {@link #start} lists and watches. */
  private static final int FOLLOWED_KINDS = 3;

  private final StateStore store;
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final Map<String, Workload> workloads = new ConcurrentHashMap<>();
  private final Map<String, Instance> instances = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Instance>> instancesByWorkload = new HashMap<>();
  private final Object mutex = new Object();
  private final Set<String> pending = new LinkedHashSet<>();
  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  private final List<Watch> watches = new ArrayList<>();
  private final CountDownLatch synced = new CountDownLatch(FOLLOWED_KINDS);
  private volatile boolean closed;

  /** What changed: the kind and key of an object, and the object now (null when deleted). */
  public record Change(ObjectKind<?> kind, String key, Object current, Object previous) {}

  public ClusterCache(StateStore store) {
    this.store = store;
  }

  /** Lists and starts watching; returns once the first lists are loaded. */
  public ClusterCache start() {
    follow(ObjectKind.NODES);
    follow(ObjectKind.WORKLOADS);
    follow(ObjectKind.INSTANCES);
    return this;
  }

  /** Calls {@code listener} after every applied change, on the thread that applied it. */
  public void addListener(Consumer<Change> listener) {
    listeners.add(listener);
  }

  /** Waits until every kind was listed once. */
  public boolean awaitSynced(long timeout, TimeUnit unit) throws InterruptedException {
    return synced.await(timeout, unit);
  }

  public Optional<Workload> workload(String name) {
    return Optional.ofNullable(workloads.get(name));
  }

  public Optional<Node> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public Optional<Instance> instance(String id) {
    return Optional.ofNullable(instances.get(id));
  }

  public Collection<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  public Collection<Workload> workloads() {
    return List.copyOf(workloads.values());
  }

  /** Every instance; a copy, so O(n). */
  public List<Instance> instances() {
    return new ArrayList<>(instances.values());
  }

  /** The instances of one workload. */
  public List<Instance> instancesOf(String workload) {
    synchronized (mutex) {
      Map<String, Instance> of = instancesByWorkload.get(workload);
      return of == null ? List.of() : new ArrayList<>(of.values());
    }
  }

  /** Instances waiting for a node (PENDING, to run, unplaced), oldest first. */
  public List<Instance> unplacedInstances() {
    synchronized (mutex) {
      List<Instance> out = new ArrayList<>(pending.size());
      for (String id : pending) {
        out.add(instances.get(id));
      }
      return out;
    }
  }

  /** True for an instance the scheduler should place. */
  public static boolean isUnplaced(Instance i) {
    return i.phase() == InstancePhase.PENDING
        && i.node() == null
        && i.desired() == DesiredState.RUN;
  }

  /** Feeds back an object this process wrote; ignored when the cache already has it or newer. */
  public void observe(StoredObject<?> object) {
    if (object instanceof Instance i) {
      applyPut(ObjectKind.INSTANCES, i.storeKey(), i);
    } else if (object instanceof Workload w) {
      applyPut(ObjectKind.WORKLOADS, w.storeKey(), w);
    } else if (object instanceof Node n) {
      applyPut(ObjectKind.NODES, n.storeKey(), n);
    }
  }

  /** Feeds back a deletion this process committed at {@code revision}. */
  public void observeDelete(ObjectKind<?> kind, String key, long revision) {
    applyDelete(kind, key, revision);
  }

  private <T extends StoredObject<T>> void follow(ObjectKind<T> kind) {
    ListResult<T> listed = store.list(kind);
    relist(kind, listed);
    synced.countDown();
    startWatch(kind, listed.revision() + 1);
  }

  private <T extends StoredObject<T>> void startWatch(ObjectKind<T> kind, long from) {
    if (closed) {
      return;
    }
    Watch watch =
        store.watch(
            kind,
            from,
            event -> {
              if (event instanceof WatchEvent.Put<T> put) {
                applyPut(kind, put.object().storeKey(), put.object());
              } else if (event instanceof WatchEvent.Delete<T> delete) {
                applyDelete(kind, delete.key(), delete.revision());
              } else if (event instanceof WatchEvent.Relist<T> relist) {
                LOG.info("re-listing {}: {}", kind, relist.reason());
                ListResult<T> again = store.list(kind);
                relist(kind, again);
                startWatch(kind, again.revision() + 1);
              }
            });
    synchronized (watches) {
      watches.add(watch);
    }
  }

  /** Replaces the kind's contents with a fresh list, notifying what differs. */
  private <T extends StoredObject<T>> void relist(ObjectKind<T> kind, ListResult<T> listed) {
    Map<String, T> fresh = new LinkedHashMap<>();
    for (T item : listed.items()) {
      fresh.put(item.storeKey(), item);
    }
    for (T item : fresh.values()) {
      applyPut(kind, item.storeKey(), item);
    }
    for (String key : keysOf(kind)) {
      if (!fresh.containsKey(key)) {
        applyDelete(kind, key, listed.revision());
      }
    }
  }

  private List<String> keysOf(ObjectKind<?> kind) {
    List<String> keys = new ArrayList<>();
    if (kind == ObjectKind.INSTANCES) {
      instances.values().forEach(i -> keys.add(i.storeKey()));
    } else if (kind == ObjectKind.WORKLOADS) {
      keys.addAll(workloads.keySet());
    } else if (kind == ObjectKind.NODES) {
      keys.addAll(nodes.keySet());
    }
    return keys;
  }

  private void applyPut(ObjectKind<?> kind, String key, StoredObject<?> object) {
    Object previous;
    synchronized (mutex) {
      if (object instanceof Instance i) {
        Instance old = instances.get(i.id());
        if (old != null && old.revision() >= i.revision()) {
          return;
        }
        instances.put(i.id(), i);
        if (isUnplaced(i)) {
          pending.add(i.id());
        } else {
          pending.remove(i.id());
        }
        instancesByWorkload
            .computeIfAbsent(i.workload(), w -> new LinkedHashMap<>())
            .put(i.id(), i);
        previous = old;
      } else if (object instanceof Workload w) {
        previous = putIfNewer(workloads, w.name(), w);
        if (previous == null ? false : ((Workload) previous).revision() >= w.revision()) {
          return;
        }
      } else {
        Node n = (Node) object;
        previous = putIfNewer(nodes, n.name(), n);
        if (previous == null ? false : ((Node) previous).revision() >= n.revision()) {
          return;
        }
      }
    }
    notifyListeners(new Change(kind, key, object, previous));
  }

  /** Stores {@code value} unless the map holds the same or a newer revision; returns the old. */
  private static <T extends StoredObject<T>> T putIfNewer(Map<String, T> map, String key, T value) {
    T old = map.get(key);
    if (old == null || old.revision() < value.revision()) {
      map.put(key, value);
    }
    return old;
  }

  private void applyDelete(ObjectKind<?> kind, String key, long revision) {
    Object removed;
    synchronized (mutex) {
      if (kind == ObjectKind.INSTANCES) {
        String id = key.substring(key.indexOf('/') + 1);
        Instance old = instances.get(id);
        if (old == null || old.revision() >= revision) {
          return;
        }
        instances.remove(id);
        pending.remove(id);
        Map<String, Instance> of = instancesByWorkload.get(old.workload());
        if (of != null) {
          of.remove(id);
          if (of.isEmpty()) {
            instancesByWorkload.remove(old.workload());
          }
        }
        removed = old;
      } else if (kind == ObjectKind.WORKLOADS) {
        removed = removeIfOlder(workloads, key, revision);
      } else if (kind == ObjectKind.NODES) {
        removed = removeIfOlder(nodes, key, revision);
      } else {
        return;
      }
    }
    if (removed != null) {
      notifyListeners(new Change(kind, key, null, removed));
    }
  }

  private static <T extends StoredObject<T>> T removeIfOlder(
      Map<String, T> map, String key, long revision) {
    T old = map.get(key);
    if (old == null || old.revision() >= revision) {
      return null;
    }
    map.remove(key);
    return old;
  }

  private void notifyListeners(Change change) {
    for (Consumer<Change> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.warn("cache listener failed on {} {}", change.kind(), change.key(), e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (watches) {
      watches.forEach(Watch::close);
      watches.clear();
    }
  }
}
