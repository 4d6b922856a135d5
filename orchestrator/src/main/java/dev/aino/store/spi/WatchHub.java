package dev.aino.store.spi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/**
 * The change feed of backends that have none of their own (memory, SQLite). Writers publish each
 * commit's changes while they still hold their commit lock, so the log is in revision order; each
 * watcher has its own queue drained on a pool thread, so a writer never waits for a watcher.
 *
 * <p>The hub keeps the latest {@code retainedChanges} changes for watches that resume from an
 * earlier revision; older ones are compacted away and such a watch is told to relist. A watcher
 * that falls more than {@code maxPendingPerWatch} changes behind is ended with a relist too, so a
 * stuck watcher cannot exhaust memory.
 */
public final class WatchHub implements AutoCloseable {
  private final int retainedChanges;
  private final int maxPendingPerWatch;
  private final ArrayDeque<KvChange> log = new ArrayDeque<>();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private long compactedRevision;
  private long lastRevision;

  /**
   * @param currentRevision the store's revision when the hub starts; earlier changes are unknown
   * @param retainedChanges how many recent changes to keep for resuming watches
   * @param maxPendingPerWatch how far one watcher may fall behind before it must relist
   */
  public WatchHub(long currentRevision, int retainedChanges, int maxPendingPerWatch) {
    this(currentRevision, retainedChanges, maxPendingPerWatch, WatchDelivery.newPool(), true);
  }

  /**
   * A hub whose deliveries run on {@code executor}, which many hubs share and the caller shuts
   * down; closing the hub leaves it running.
   */
  public WatchHub(
      long currentRevision, int retainedChanges, int maxPendingPerWatch, ExecutorService executor) {
    this(currentRevision, retainedChanges, maxPendingPerWatch, executor, false);
  }

  private WatchHub(
      long currentRevision,
      int retainedChanges,
      int maxPendingPerWatch,
      ExecutorService executor,
      boolean ownsExecutor) {
    this.executor = executor;
    this.ownsExecutor = ownsExecutor;
    this.compactedRevision = currentRevision;
    this.lastRevision = currentRevision;
    this.retainedChanges = retainedChanges;
    this.maxPendingPerWatch = maxPendingPerWatch;
  }

  /** Publishes one commit's changes; call in commit order, under the backend's commit lock. */
  public synchronized void publish(List<KvChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    for (KvChange change : changes) {
      log.addLast(change);
      lastRevision = Math.max(lastRevision, change.revision());
    }
    while (log.size() > retainedChanges) {
      compactedRevision = Math.max(compactedRevision, log.removeFirst().revision());
    }
    for (Subscriber s : subscribers) {
      s.offer(changes);
    }
  }

  /**
   * Starts a watch of keys under {@code prefix} from {@code fromRevision} (inclusive; 0 or less is
   * from the next change).
   */
  public synchronized KvWatch subscribe(
      String prefix, long fromRevision, KvChangeListener listener) {
    long from = fromRevision <= 0 ? lastRevision + 1 : fromRevision;
    Subscriber s = new Subscriber(prefix, from, listener);
    if (from <= compactedRevision) {
      s.relist(
          "revision "
              + from
              + " is compacted (oldest retained is "
              + (compactedRevision + 1)
              + ")");
      return s;
    }
    List<KvChange> replay = new ArrayList<>();
    for (KvChange change : log) {
      if (change.revision() >= from) {
        replay.add(change);
      }
    }
    subscribers.add(s);
    s.offer(replay);
    return s;
  }

  /** The revision below which changes are gone. */
  public synchronized long compactedRevision() {
    return compactedRevision;
  }

  /**
   * Ends every watch with a relist at {@code currentRevision}, after the changes already queued:
   * the feed this hub republishes lost its source and its watchers must list again.
   */
  public synchronized void relistAll(String reason, long currentRevision) {
    lastRevision = Math.max(lastRevision, currentRevision);
    for (Subscriber s : subscribers) {
      s.relist(reason);
    }
  }

  @Override
  public void close() {
    subscribers.forEach(Subscriber::close);
    if (ownsExecutor) {
      executor.shutdownNow();
    }
  }

  private final class Subscriber implements KvWatch {
    private final String prefix;

    /**
     * The first revision it wants. A hub fed from another watch (the node index) may publish a
     * change below it after it subscribed; those are not the watcher's.
     */
    private final long from;

    private final WatchDelivery delivery;

    Subscriber(String prefix, long from, KvChangeListener listener) {
      this.prefix = prefix;
      this.from = from;
      this.delivery = new WatchDelivery(prefix, listener, maxPendingPerWatch, executor);
    }

    /** Called under the hub lock. */
    void offer(List<KvChange> changes) {
      List<KvChange> mine = new ArrayList<>();
      for (KvChange change : changes) {
        if (change.revision() >= from && change.key().startsWith(prefix)) {
          mine.add(change);
        }
      }
      if (!delivery.offer(mine, lastRevision)) {
        subscribers.remove(this);
      }
    }

    void relist(String reason) {
      subscribers.remove(this);
      delivery.relist(reason, lastRevision);
    }

    @Override
    public void close() {
      subscribers.remove(this);
      delivery.close();
    }
  }
}
