package dev.aino.agent;

import dev.aino.error.AinoException;
import dev.aino.model.Instance;
import dev.aino.store.ListResult;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
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
 * Every change of instances, as the agent needs them: a watch that resumes after the list it
 * started from, and that lists again and resumes whenever the store says the watch cannot continue.
 * Callbacks run on a store thread and must only queue work.
 */
final class InstanceFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceFeed.class);
  private static final Duration RELIST_RETRY = Duration.ofSeconds(1);

  /** What the feed reports. */
  interface Listener {
    void put(Instance instance);

    /** An instance was deleted; {@code id} is read off its key. */
    void deleted(String id);

    /** A full list after a gap: anything not in it may have been deleted meanwhile. */
    void relisted(List<Instance> instances);
  }

  private final StateStore store;
  private final ScheduledExecutorService timer;
  private final Listener listener;
  private Watch watch;
  private boolean closed;

  InstanceFeed(StateStore store, ScheduledExecutorService timer, Listener listener) {
    this.store = store;
    this.timer = timer;
    this.listener = listener;
  }

  /** Starts watching after {@code snapshot}, which the caller has already acted on. */
  synchronized void start(ListResult<Instance> snapshot) {
    watchFrom(snapshot.revision() + 1);
  }

  private synchronized void watchFrom(long revision) {
    if (closed) {
      return;
    }
    watch = store.watch(ObjectKind.INSTANCES, revision, this::onEvent);
  }

  private void onEvent(WatchEvent<Instance> event) {
    if (event instanceof WatchEvent.Put<Instance> put) {
      listener.put(put.object());
    } else if (event instanceof WatchEvent.Delete<Instance> delete) {
      String key = delete.key();
      listener.deleted(key.substring(key.lastIndexOf('/') + 1));
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
      ListResult<Instance> all = store.list(ObjectKind.INSTANCES);
      listener.relisted(all.items());
      watchFrom(all.revision() + 1);
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
