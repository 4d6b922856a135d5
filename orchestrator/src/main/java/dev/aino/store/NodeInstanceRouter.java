package dev.aino.store;

import dev.aino.error.AinoException;
import dev.aino.error.UnavailableException;
import dev.aino.model.Instance;
import dev.aino.store.spi.KvChange;
import dev.aino.store.spi.KvChangeListener;
import dev.aino.store.spi.KvWatch;
import dev.aino.store.spi.WatchDelivery;
import dev.aino.store.spi.WatchHub;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of each node, indexed by node: one watch of every instance for the whole store,
 * whose changes are routed to a change log per node ({@link WatchHub}), so that a node's watcher
 * receives its own instances' changes and no other. Without it every node agent watched every
 * instance, and each change was delivered (and looked at) once per node; with it each change is
 * decoded once and delivered to the one or two nodes it concerns, as Kubernetes' watch cache serves
 * a kubelet's {@code spec.nodeName} field selector.
 *
 * <p>An instance concerns a node while it is placed there; a change that moves it away (or clears
 * its node) is delivered to the node it left, and its deletion to the node it was last on. The
 * index starts on the first request, from a list of every instance; when the underlying watch must
 * relist, every node's watchers are told to relist too, and the index is rebuilt.
 */
final class NodeInstanceRouter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeInstanceRouter.class);
  private static final long RESTART_RETRY_MILLIS = 1_000;

  /**
   * Changes kept per node for watches that resume. Each holds a copy of an instance, and the logs
   * of thousands of nodes add up; a gap longer than this is a relist of the one node.
   */
  private static final int MAX_RETAINED_PER_NODE = 1_000;

  private final StateStore store;
  private final StoreOptions options;
  private final ExecutorService deliveries = WatchDelivery.newPool();
  private final ScheduledExecutorService restarts =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "aino-node-watch-restart");
            t.setDaemon(true);
            return t;
          });

  /** Instance key -> node it is placed on, for every placed instance. */
  private final Map<String, String> nodeOfKey = new HashMap<>();

  private final Map<String, WatchHub> hubs = new HashMap<>();
  private Watch source;
  private long startRevision;
  private long revision;
  private boolean closed;

  NodeInstanceRouter(StateStore store, StoreOptions options) {
    this.store = store;
    this.options = options;
  }

  /**
   * The node's instances as the store has them now, with the revision to watch from. Read from the
   * store rather than from the index, which may trail the latest write: an agent recovering from
   * this list removes containers whose instance it does not find, so the list must not miss a
   * write. The index is started first, so its node logs hold every change after the list.
   */
  ListResult<Instance> list(String node) {
    synchronized (this) {
      ensureStarted();
    }
    ListResult<Instance> all = store.list(ObjectKind.INSTANCES);
    List<Instance> mine = all.items().stream().filter(i -> node.equals(i.node())).toList();
    return new ListResult<>(mine, all.revision());
  }

  /** Watches the node's instances from {@code fromRevision} (0 or less: from the next change). */
  synchronized Watch watch(String node, long fromRevision, WatchListener<Instance> listener) {
    ensureStarted();
    long from = fromRevision <= 0 ? store.revision() + 1 : fromRevision;
    KvWatch raw = hub(node).subscribe("", from, new Delivery(listener));
    return raw::close;
  }

  private void ensureStarted() {
    if (closed) {
      throw new UnavailableException(
          store.backend() + " store unavailable: watching a node's instances: the store is closed",
          null);
    }
    if (source == null) {
      start();
    }
  }

  /** Lists every instance, indexes the placed ones, and watches from the list on. */
  private void start() {
    ListResult<Instance> all = store.list(ObjectKind.INSTANCES);
    nodeOfKey.clear();
    for (Instance instance : all.items()) {
      if (instance.node() != null) {
        nodeOfKey.put(instance.storeKey(), instance.node());
      }
    }
    startRevision = all.revision();
    revision = all.revision();
    source = store.watch(ObjectKind.INSTANCES, all.revision() + 1, this::onEvent);
  }

  private WatchHub hub(String node) {
    // Created when first needed, as of the index's start: no change of the node since then was
    // missed, so a watch from any later revision can be served.
    return hubs.computeIfAbsent(
        node,
        n ->
            new WatchHub(
                startRevision,
                Math.min(options.retainedChanges(), MAX_RETAINED_PER_NODE),
                options.maxPendingPerWatch(),
                deliveries));
  }

  private synchronized void onEvent(WatchEvent<Instance> event) {
    if (closed) {
      return;
    }
    if (event instanceof WatchEvent.Put<Instance> put) {
      routePut(put.object(), put.revision());
    } else if (event instanceof WatchEvent.Delete<Instance> delete) {
      routeDelete(delete.key(), delete.revision());
    } else if (event instanceof WatchEvent.Relist<Instance> relist) {
      LOG.info("node instance index must be rebuilt: {}", relist.reason());
      restart(relist.reason());
      return;
    }
    revision = Math.max(revision, event.revision());
  }

  private void routePut(Instance instance, long at) {
    String key = instance.storeKey();
    String now = instance.node();
    String before = now == null ? nodeOfKey.remove(key) : nodeOfKey.put(key, now);
    if (before != null && !before.equals(now)) {
      publish(before, new KvChange(key, new byte[0], at, instance));
    }
    if (now != null) {
      publish(now, new KvChange(key, new byte[0], at, instance));
    }
  }

  private void routeDelete(String key, long at) {
    String before = nodeOfKey.remove(key);
    if (before != null) {
      publish(before, new KvChange(key, null, at));
    }
  }

  private void publish(String node, KvChange change) {
    hub(node).publish(List.of(change));
  }

  /** Tells every node's watchers to relist and rebuilds the index; retries while that fails. */
  private void restart(String reason) {
    if (source != null) {
      source.close();
      source = null;
    }
    for (WatchHub hub : hubs.values()) {
      hub.relistAll("the node index was rebuilt: " + reason, revision);
      hub.close();
    }
    hubs.clear();
    scheduleRebuild(0);
  }

  private void scheduleRebuild(long delayMillis) {
    try {
      restarts.schedule(this::rebuild, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closing.
    }
  }

  private synchronized void rebuild() {
    if (closed || source != null) {
      return; // closed, or a request started it meanwhile
    }
    try {
      start();
    } catch (AinoException e) {
      LOG.warn(
          "rebuilding the node instance index failed, retrying in {} ms: {}",
          RESTART_RETRY_MILLIS,
          e.getMessage());
      scheduleRebuild(RESTART_RETRY_MILLIS);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (source != null) {
      source.close();
      source = null;
    }
    hubs.values().forEach(WatchHub::close);
    hubs.clear();
    restarts.shutdownNow();
    deliveries.shutdownNow();
  }

  /** Turns a node log's changes back into instance watch events. */
  private static final class Delivery implements KvChangeListener {
    private final WatchListener<Instance> listener;

    Delivery(WatchListener<Instance> listener) {
      this.listener = listener;
    }

    @Override
    public void onChanges(List<KvChange> changes) {
      List<WatchEvent<Instance>> events = new ArrayList<>(changes.size());
      for (KvChange change : changes) {
        events.add(
            change.isDelete()
                ? new WatchEvent.Delete<>(change.key(), change.revision())
                : new WatchEvent.Put<>((Instance) change.decoded(), change.revision()));
      }
      events.forEach(listener::onEvent);
    }

    @Override
    public void onRelist(String reason, long currentRevision) {
      listener.onEvent(new WatchEvent.Relist<>(reason, currentRevision));
    }
  }
}
