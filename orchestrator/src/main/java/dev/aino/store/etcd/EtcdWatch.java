package dev.aino.store.etcd;

import dev.aino.store.spi.KvChange;
import dev.aino.store.spi.KvWatch;
import dev.aino.store.spi.WatchDelivery;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A native etcd watch of one key prefix that survives broken connections: it remembers the next
 * revision it owes its listener and, when the stream fails, opens a new one from exactly there, so
 * nothing is lost or delivered twice. When etcd no longer has that revision (compacted) the
 * listener is told to relist once and the watch ends.
 *
 * <p>jetcd's own retry is not relied on. It does re-subscribe after a plain disconnect, but it
 * reports every break to the listener as an error, gives up on any failure but UNAVAILABLE and
 * INTERNAL (no leader, for one), and after a created response resumes from that response's
 * revision, which can skip changes of an older start revision that were still being replayed. So
 * each break ends the jetcd watcher and a new one is opened from {@code nextRevision}. Each stream
 * is a numbered generation; callbacks of an abandoned generation are ignored.
 *
 * <p>Locking: jetcd calls {@code onError} and {@code onCompleted} while holding its own lock, and
 * this class calls jetcd while holding its monitor; so those two callbacks only hand off to the
 * scheduler and never take the monitor themselves.
 */
final class EtcdWatch implements KvWatch {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);
  private static final long FIRST_RETRY_MILLIS = 100;
  private static final long MAX_RETRY_MILLIS = 2_000;

  private final Watch client;
  private final String namespace;
  private final ByteSequence prefix;
  private final WatchDelivery delivery;
  private final ScheduledExecutorService scheduler;

  // Guarded by this.
  private long nextRevision;
  private long latestRevision;
  private Watch.Watcher watcher;
  private int generation;
  private long retryMillis = FIRST_RETRY_MILLIS;
  private boolean broken;
  private boolean ended;

  /**
   * @param client jetcd's watch client
   * @param namespace the store's key root, stripped from keys before delivery
   * @param prefix the watched prefix below the namespace
   * @param fromRevision the first revision to deliver (> 0)
   * @param delivery hands changes to the listener
   * @param scheduler runs reconnects and failure handling
   */
  EtcdWatch(
      Watch client,
      String namespace,
      String prefix,
      long fromRevision,
      WatchDelivery delivery,
      ScheduledExecutorService scheduler) {
    this.client = client;
    this.namespace = namespace;
    this.prefix = ByteSequence.from(namespace + prefix, StandardCharsets.UTF_8);
    this.nextRevision = fromRevision;
    this.latestRevision = fromRevision - 1;
    this.delivery = delivery;
    this.scheduler = scheduler;
  }

  /** Opens the first stream. */
  void start() {
    open();
  }

  /** True once the watch was closed or told its listener to relist. */
  synchronized boolean ended() {
    return ended;
  }

  private synchronized void open() {
    if (ended) {
      return;
    }
    int current = ++generation;
    WatchOption option =
        WatchOption.builder()
            .isPrefix(true)
            .withRevision(nextRevision)
            .withCreateNotify(true)
            // A member cut off from its cluster ends the stream rather than going quiet.
            .withRequireLeader(true)
            .build();
    try {
      watcher = client.watch(prefix, option, new StreamListener(current));
    } catch (RuntimeException e) {
      // Only a closed client refuses to watch: the store is closing.
      LOG.debug("cannot watch {}: {}", prefix, e.toString());
      ended = true;
    }
  }

  private synchronized void onResponse(int of, WatchResponse response) {
    if (of != generation || ended) {
      return;
    }
    latestRevision = Math.max(latestRevision, response.getHeader().getRevision());
    if (response.isCreatedNotify()) {
      if (broken) {
        LOG.info("watch on {} resumed from revision {}", prefix, nextRevision);
        broken = false;
      }
      retryMillis = FIRST_RETRY_MILLIS;
      return;
    }
    List<KvChange> changes = new ArrayList<>(response.getEvents().size());
    for (WatchEvent event : response.getEvents()) {
      KeyValue kv = event.getKeyValue();
      long revision = kv.getModRevision();
      if (revision < nextRevision) {
        continue; // delivered by an earlier stream already
      }
      String key = kv.getKey().toString(StandardCharsets.UTF_8).substring(namespace.length());
      byte[] value =
          event.getEventType() == WatchEvent.EventType.DELETE ? null : kv.getValue().getBytes();
      changes.add(new KvChange(key, value, revision));
    }
    if (changes.isEmpty()) {
      return;
    }
    nextRevision = changes.get(changes.size() - 1).revision() + 1;
    if (!delivery.offer(changes, latestRevision)) {
      end(); // the listener fell too far behind and was told to relist
    }
  }

  private synchronized void onFailure(int of, Throwable failure) {
    if (of != generation || ended) {
      return;
    }
    generation++;
    closeWatcher();
    if (historyIsGone(failure)) {
      long compacted =
          failure instanceof CompactedException c ? c.getCompactedRevision() : latestRevision;
      delivery.relist(
          "revision "
              + nextRevision
              + " is no longer in etcd's history ("
              + failure.getMessage()
              + ")",
          Math.max(latestRevision, compacted));
      ended = true;
      return;
    }
    if (!broken) {
      LOG.warn(
          "watch on {} broke ({}); resuming from revision {} when etcd answers",
          prefix,
          failure.getMessage(),
          nextRevision);
    }
    broken = true;
    long delay = retryMillis;
    retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
    try {
      scheduler.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      ended = true;
    }
  }

  /** Compaction, or a revision etcd never reached (it was restored from an older backup). */
  private static boolean historyIsGone(Throwable failure) {
    if (failure instanceof CompactedException) {
      return true;
    }
    String message = String.valueOf(failure.getMessage());
    return message.contains("compacted") || message.contains("future revision");
  }

  private void handOff(int of, Throwable failure) {
    try {
      scheduler.execute(() -> onFailure(of, failure));
    } catch (RejectedExecutionException closing) {
      // The store is closing and ends this watch itself.
    }
  }

  private synchronized void end() {
    ended = true;
    generation++;
    closeWatcher();
  }

  private void closeWatcher() {
    Watch.Watcher w = watcher;
    watcher = null;
    if (w != null) {
      try {
        w.close();
      } catch (RuntimeException e) {
        LOG.debug("closing a watch stream on {} failed: {}", prefix, e.toString());
      }
    }
  }

  @Override
  public void close() {
    delivery.close();
    end();
  }

  /** Receives one stream generation's callbacks from jetcd. */
  private final class StreamListener implements Watch.Listener {
    private final int of;

    StreamListener(int of) {
      this.of = of;
    }

    @Override
    public void onNext(WatchResponse response) {
      onResponse(of, response);
    }

    @Override
    public void onError(Throwable failure) {
      handOff(of, failure);
    }

    @Override
    public void onCompleted() {
      // Also called when this side closes the stream; then the generation is stale and ignored.
      handOff(of, new IllegalStateException("etcd ended the watch stream"));
    }
  }
}
