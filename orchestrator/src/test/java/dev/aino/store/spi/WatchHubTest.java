package dev.aino.store.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.testing.Await;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The change feed of the memory and SQLite backends: replay, compaction, prefixes, relists. */
class WatchHubTest {
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** What a listener was told, in order: "key@revision" for changes, "relist@revision: reason". */
  private static final class Recorder implements KvChangeListener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onChanges(List<KvChange> changes) {
      changes.forEach(c -> seen.add(c.key() + "@" + c.revision()));
    }

    @Override
    public void onRelist(String reason, long currentRevision) {
      seen.add("relist@" + currentRevision + ": " + reason);
    }

    void awaitSize(int size) {
      Await.until(size + " deliveries", () -> seen.size() >= size);
      assertThat(seen).hasSize(size);
    }
  }

  private static KvChange put(String key, long revision) {
    return new KvChange(key, "v".getBytes(StandardCharsets.UTF_8), revision);
  }

  private static void publishRevisions(WatchHub hub, int from, int to) {
    for (int r = from; r <= to; r++) {
      hub.publish(List.of(put("w/" + r, r)));
    }
  }

  /**
   * A hub fed from another watch (the node index's) may learn of a change after a watch from a
   * later revision began: that watch never sees it, as it asked for changes from its revision on.
   */
  @Test
  void aWatchNeverSeesAChangeBeforeItsRevisionPublishedAfterItBegan() {
    WatchHub hub = new WatchHub(0, 10, 100, pool);
    publishRevisions(hub, 1, 2);
    Recorder later = new Recorder();
    hub.subscribe("w/", 5, later);

    publishRevisions(hub, 3, 6);

    later.awaitSize(2);
    assertThat(later.seen).containsExactly("w/5@5", "w/6@6");
  }

  @Test
  void aWatchResumesFromTheOldestRetainedRevisionAndNoEarlier() {
    WatchHub hub = new WatchHub(0, 3, 100, pool);
    publishRevisions(hub, 1, 5);
    assertThat(hub.compactedRevision()).isEqualTo(2);

    Recorder resumed = new Recorder();
    hub.subscribe("w/", 3, resumed);
    resumed.awaitSize(3);
    assertThat(resumed.seen).containsExactly("w/3@3", "w/4@4", "w/5@5");

    Recorder tooOld = new Recorder();
    hub.subscribe("w/", 2, tooOld);
    tooOld.awaitSize(1);
    assertThat(tooOld.seen)
        .containsExactly("relist@5: revision 2 is compacted (oldest retained is 3)");
    // A watch told to relist is over: it gets nothing more.
    hub.publish(List.of(put("w/6", 6)));
    resumed.awaitSize(4);
    assertThat(tooOld.seen).hasSize(1);
  }

  @Test
  void aWatchFromNowSeesOnlyLaterChangesUnderItsPrefix() {
    WatchHub hub = new WatchHub(10, 100, 100, pool);
    hub.publish(List.of(put("w/a", 11)));
    hub.publish(List.of());
    Recorder recorder = new Recorder();
    KvWatch watch = hub.subscribe("w/", 0, recorder);
    hub.publish(List.of(put("x/b", 12), put("w/c", 12)));
    recorder.awaitSize(1);
    assertThat(recorder.seen).containsExactly("w/c@12");

    watch.close();
    hub.publish(List.of(put("w/d", 13)));
    Recorder later = new Recorder();
    hub.subscribe("w/", 13, later);
    later.awaitSize(1);
    assertThat(recorder.seen).containsExactly("w/c@12");
  }

  @Test
  void relistingEveryWatchNamesTheNewerRevision() {
    WatchHub hub = new WatchHub(0, 100, 100, pool);
    publishRevisions(hub, 1, 2);
    Recorder recorder = new Recorder();
    hub.subscribe("w/", 0, recorder);
    hub.relistAll("the feed was lost", 7);
    recorder.awaitSize(1);
    assertThat(recorder.seen).containsExactly("relist@7: the feed was lost");
    // A revision older than the hub's last one does not move it back.
    Recorder next = new Recorder();
    hub.subscribe("w/", 0, next);
    hub.relistAll("again", 1);
    next.awaitSize(1);
    assertThat(next.seen).containsExactly("relist@7: again");
  }

  @Test
  void aWatcherTooFarBehindIsToldToRelistAfterWhatWasQueued() {
    List<Runnable> tasks = new ArrayList<>();
    Recorder recorder = new Recorder();
    WatchDelivery delivery = new WatchDelivery("w/", recorder, 3, tasks::add);

    assertThat(delivery.offer(List.of(put("w/1", 1), put("w/2", 2)), 2)).isTrue();
    assertThat(delivery.offer(List.of(), 2)).isTrue();
    assertThat(delivery.offer(List.of(put("w/3", 3)), 3)).isTrue();
    assertThat(delivery.ended()).isFalse();
    assertThat(delivery.offer(List.of(put("w/4", 4)), 4)).isFalse();
    assertThat(delivery.ended()).isTrue();
    assertThat(delivery.offer(List.of(put("w/5", 5)), 5)).isFalse();

    // One drain task delivers everything queued, in order, then the relist.
    assertThat(tasks).hasSize(1);
    tasks.get(0).run();
    assertThat(recorder.seen)
        .containsExactly(
            "w/1@1", "w/2@2", "w/3@3", "relist@4: watcher fell more than 3 changes behind");
  }

  @Test
  void aFailingListenerDoesNotEndItsWatch() {
    List<String> seen = new CopyOnWriteArrayList<>();
    KvChangeListener flaky =
        new KvChangeListener() {
          @Override
          public void onChanges(List<KvChange> changes) {
            if (changes.get(0).revision() == 1) {
              throw new IllegalStateException("listener bug");
            }
            seen.add(changes.get(0).key());
          }

          @Override
          public void onRelist(String reason, long currentRevision) {}
        };
    List<Runnable> tasks = new ArrayList<>();
    WatchDelivery delivery = new WatchDelivery("w/", flaky, 10, tasks::add);
    delivery.offer(List.of(put("w/1", 1)), 1);
    delivery.offer(List.of(put("w/2", 2)), 2);
    tasks.get(0).run();
    assertThat(seen).containsExactly("w/2");
    // Delivered changes no longer count as pending: ten more fit.
    for (int r = 3; r < 13; r++) {
      assertThat(delivery.offer(List.of(put("w/" + r, r)), r)).isTrue();
    }
  }

  @Test
  void aClosedWatchDropsWhatWasQueued() {
    List<Runnable> tasks = new ArrayList<>();
    Recorder recorder = new Recorder();
    WatchDelivery delivery = new WatchDelivery("w/", recorder, 10, tasks::add);
    delivery.offer(List.of(put("w/1", 1)), 1);
    delivery.close();
    delivery.relist("too late", 1);
    tasks.forEach(Runnable::run);
    assertThat(recorder.seen).isEmpty();
    assertThat(delivery.offer(List.of(put("w/2", 2)), 2)).isFalse();
  }
}
