package dev.aino.agent;

import dev.aino.error.AinoException;
import dev.aino.model.Instance;
import dev.aino.store.ListResult;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change of this node's instances, and of none other (the store's index by node, through
 * {@link NodeApi#watchInstances}): a watch that resumes after the list it started from, and that
 * lists again and resumes whenever the store says the watch cannot continue. Callbacks run on a
 * store thread and must only queue work.
 */
final class InstanceFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceFeed.class);
  private static final Duration RELIST_RETRY = Duration.ofSeconds(1);

  /** What the feed reports. */
  interface Listener {
    void put(Instance instance);

    /** An instance was deleted at {@code revision}; {@code id} is read off its key. */
    void deleted(String id, long revision);

    /** A full list of the node's instances after a gap: anything not in it may be gone. */
    void relisted(List<Instance> instances);
  }

  private final NodeApi api;
  private final String nodeName;
  private final ScheduledExecutorService timer;
  private final Listener listener;
  private Watch watch;
  private boolean closed;

  InstanceFeed(NodeApi api, String nodeName, ScheduledExecutorService timer, Listener listener) {
    this.api = api;
    this.nodeName = nodeName;
    this.timer = timer;
    this.listener = listener;
  }

  /** The node's instances now; the caller acts on them and then {@link #start starts} the feed. */
  ListResult<Instance> list() {
    return api.listInstances();
  }

  /** Starts watching after {@code snapshot}, which the caller has already acted on. */
  synchronized void start(ListResult<Instance> snapshot) {
    watchFrom(snapshot.revision() + 1);
  }

  private synchronized void watchFrom(long revision) {
    if (closed) {
      return;
    }
    watch = api.watchInstances(revision, this::onEvent);
  }

  private void onEvent(WatchEvent<Instance> event) {
    if (event instanceof WatchEvent.Put<Instance> put) {
      listener.put(put.object());
    } else if (event instanceof WatchEvent.Delete<Instance> delete) {
      String key = delete.key();
      listener.deleted(key.substring(key.lastIndexOf('/') + 1), delete.revision());
    } else if (event instanceof WatchEvent.Relist<Instance> relist) {
      LOG.info("instance watch must relist: {}", relist.reason());
      scheduleRelist(Duration.ZERO);
    }
  }

  private void scheduleRelist(Duration delay) {
    try {
      timer.schedule(this::relist, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Shutting down.
    }
  }

  private void relist() {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (watch != null) {
        watch.close();
      }
    }
    try {
      ListResult<Instance> mine = list();
      listener.relisted(mine.items());
      watchFrom(mine.revision() + 1);
    } catch (AinoException e) {
      LOG.warn("relisting instances failed, retrying in {}: {}", RELIST_RETRY, e.getMessage());
      scheduleRelist(RELIST_RETRY);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (watch != null) {
      watch.close();
    }
  }
}
