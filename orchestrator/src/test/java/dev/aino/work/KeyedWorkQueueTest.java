package dev.aino.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.retry.Backoff;
import dev.aino.testing.Await;
import dev.aino.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the one work queue, which the controller (workload names) and the node agent
 * (instance ids) both rely on: de-duplication, one worker per key, re-handling a key added while
 * handled, back-off on failure, forgetting on success, delays and shutdown. Back-off arithmetic and
 * delays run on a {@link ManualTimer} that a test moves, so nothing here sleeps to assert.
 */
class KeyedWorkQueueTest {
  private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(5), Duration.ofMillis(15));

  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService realTimer = Executors.newSingleThreadScheduledExecutor();
  private final ManualTimer manual = new ManualTimer();

  @AfterEach
  void stop() {
    workers.shutdownNow();
    realTimer.shutdownNow();
  }

  private KeyedWorkQueue<String> started(KeyedWorkQueue.Handler<String> handler, int parallelism) {
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>("test", handler, BACKOFF, workers, parallelism, manual);
    queue.start();
    return queue;
  }

  /** A queue whose handler runs on the caller's thread: adds and timer moves handle at once. */
  private KeyedWorkQueue<String> direct(KeyedWorkQueue.Handler<String> handler) {
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>("test", handler, BACKOFF, Runnable::run, 1, manual);
    queue.start();
    return queue;
  }

  @Test
  void aKeyAddedTwiceWaitsOnceAndKeysAreHandledInTheOrderAdded() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    KeyedWorkQueue<String> queue =
        started(
            key -> {
              if (key.equals("first")) {
                entered.countDown();
                release.await();
              }
              handled.add(key);
              return null;
            },
            1);

    queue.add("first");
    entered.await();
    queue.add("a");
    queue.add("b");
    queue.add("a");
    assertThat(queue.size()).isEqualTo(2);
    release.countDown();

    Await.until("every key handled", queue::isIdle);
    assertThat(handled).containsExactly("first", "a", "b");
  }

  @Test
  void keysAddedBeforeStartAreHandledOnceEachAfterIt() {
    Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            "test",
            key -> {
              handled.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
              return null;
            },
            BACKOFF,
            workers,
            4,
            manual);
    for (int i = 0; i < 2000; i++) {
      queue.add("k" + (i % 7));
    }
    assertThat(handled).isEmpty();
    assertThat(queue.size()).isEqualTo(7);

    queue.start();

    Await.until("every key handled", queue::isIdle);
    assertThat(handled).hasSize(7);
    assertThat(handled.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void aKeyAddedWhileItIsHandledIsHandledOnceMoreAfterwardsAndNeverTwiceAtOnce() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    KeyedWorkQueue<String> queue =
        started(
            key -> {
              maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
              if (runs.incrementAndGet() == 1) {
                entered.countDown();
                release.await();
              }
              concurrent.decrementAndGet();
              return null;
            },
            4);

    queue.add("a");
    entered.await();
    for (int i = 0; i < 10; i++) {
      queue.add("a");
    }
    assertThat(queue.size()).isZero(); // it waits for the running handler, not in the queue
    release.countDown();

    Await.until("the second run", () -> runs.get() == 2 && queue.isIdle());
    assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(runs).hasValue(2);
    assertThat(maxConcurrent).hasValue(1);
  }

  @Test
  void workersNeverHandleOneKeyAtOnceAndEachKeysLastAddIsSeen() throws Exception {
    int keys = 7;
    int adds = 2000;
    Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    // What the producer last wrote for each key before adding it, and what a handler last read
    // when it handled that key: a queue that dropped an add made during handling would leave a
    // handler's last read behind the producer's last write.
    Map<String, Integer> written = new ConcurrentHashMap<>();
    Map<String, Integer> read = new ConcurrentHashMap<>();
    AtomicInteger handled = new AtomicInteger();
    KeyedWorkQueue<String> queue =
        started(
            key -> {
              AtomicInteger n = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
              if (n.incrementAndGet() > 1) {
                violations.add(key);
              }
              read.put(key, written.get(key));
              Thread.sleep(1); // widens the window in which a second worker could take the key
              n.decrementAndGet();
              handled.incrementAndGet();
              return null;
            },
            4);
    Thread producer =
        new Thread(
            () -> {
              for (int i = 0; i < adds; i++) {
                String key = "k" + (i % keys);
                written.put(key, i);
                queue.add(key);
              }
            });
    producer.start();
    producer.join();

    Await.until("every add handled", queue::isIdle);
    assertThat(violations).isEmpty();
    assertThat(read).isEqualTo(written).hasSize(keys);
    assertThat(handled.get()).isBetween(keys, adds);
  }

  @Test
  void differentKeysAreHandledInParallel() {
    CountDownLatch both = new CountDownLatch(2);
    List<String> done = new CopyOnWriteArrayList<>();
    KeyedWorkQueue<String> queue =
        started(
            key -> {
              both.countDown();
              both.await(); // returns only when the other key is handled at the same time
              done.add(key);
              return null;
            },
            4);

    queue.add("a");
    queue.add("b");

    Await.until("both keys", () -> done.size() == 2);
    assertThat(done).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void noMoreKeysAreHandledAtOnceThanTheParallelism() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    AtomicInteger handled = new AtomicInteger();
    KeyedWorkQueue<String> queue =
        started(
            key -> {
              maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
              release.await();
              concurrent.decrementAndGet();
              handled.incrementAndGet();
              return null;
            },
            2);
    for (int i = 0; i < 6; i++) {
      queue.add("k" + i);
    }

    Await.until("two keys handled at once", () -> concurrent.get() == 2);
    assertThat(queue.size()).isEqualTo(4);
    release.countDown();

    Await.until("all six keys", () -> handled.get() == 6 && queue.isIdle());
    assertThat(maxConcurrent).hasValue(2);
  }

  @Test
  void aFailingKeyComesBackAfterEachBackOffWhichDoublesToTheCapAndResetsOnSuccess() {
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger failUntil = new AtomicInteger(4);
    KeyedWorkQueue<String> queue =
        direct(
            key -> {
              if (attempts.incrementAndGet() < failUntil.get()) {
                throw new IllegalStateException("not yet");
              }
              return null;
            });

    queue.add("a");
    assertThat(attempts).hasValue(1);
    assertThat(queue.failures("a")).isEqualTo(1);
    // 5 ms, then doubled to 10 ms, then 20 ms capped at 15 ms: not a moment earlier.
    for (Duration delay : List.of(ms(5), ms(10), ms(15))) {
      int before = attempts.get();
      manual.advance(delay.minus(ms(1)));
      assertThat(attempts).as("before %s", delay).hasValue(before);
      manual.advance(ms(1));
      assertThat(attempts).as("after %s", delay).hasValue(before + 1);
    }
    assertThat(manual.delays()).containsExactly(ms(5), ms(10), ms(15));
    assertThat(queue.failures("a")).as("forgotten on success").isZero();

    failUntil.set(Integer.MAX_VALUE);
    queue.add("a");
    assertThat(queue.failures("a")).isEqualTo(1);
    assertThat(manual.delays()).last().as("the back-off starts over").isEqualTo(ms(5));
  }

  @Test
  void failuresAreCountedPerKey() {
    KeyedWorkQueue<String> queue =
        direct(
            key -> {
              throw new IllegalStateException("always");
            });

    queue.add("a");
    manual.advance(ms(5));
    queue.add("b");

    assertThat(queue.failures("a")).isEqualTo(2);
    assertThat(queue.failures("b")).isEqualTo(1);
    assertThat(manual.delays()).containsExactly(ms(5), ms(10), ms(5));
  }

  @Test
  void aDelayedKeyArrivesOnlyAfterItsDelayAndAZeroDelayAtOnce() {
    List<String> handled = new ArrayList<>();
    KeyedWorkQueue<String> queue =
        direct(
            key -> {
              handled.add(key);
              return null;
            });

    queue.addAfter("later", ms(50));
    queue.addAfter("now", Duration.ZERO);
    assertThat(handled).containsExactly("now");
    manual.advance(ms(49));
    assertThat(handled).containsExactly("now");
    manual.advance(ms(1));
    assertThat(handled).containsExactly("now", "later");
  }

  @Test
  void aHandlerCanAskForItsKeyAgainAfterADelay() {
    AtomicInteger runs = new AtomicInteger();
    KeyedWorkQueue<String> queue =
        direct(key -> runs.incrementAndGet() == 1 ? Duration.ofSeconds(30) : null);

    queue.add("a");
    manual.advance(Duration.ofSeconds(29));
    assertThat(runs).hasValue(1);
    manual.advance(Duration.ofSeconds(1));
    assertThat(runs).hasValue(2);
    assertThat(manual.delays()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void onAScheduledExecutorADelayedKeyArrivesNoSoonerThanItsDelay() {
    List<Long> handledAt = new CopyOnWriteArrayList<>();
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            "test",
            key -> {
              handledAt.add(System.nanoTime());
              return null;
            },
            BACKOFF,
            workers,
            1,
            DelayTimer.on(realTimer));
    queue.start();

    long added = System.nanoTime();
    queue.addAfter("later", ms(50));

    Await.until("the delayed key", () -> !handledAt.isEmpty());
    assertThat(handledAt.get(0) - added).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
  }

  @Test
  void afterShutdownNothingMoreIsHandledAndRunningHandlersFinish() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            "test",
            key -> {
              if (key.equals("running")) {
                entered.countDown();
                release.await();
              }
              handled.add(key);
              throw new IllegalStateException("would be retried");
            },
            BACKOFF,
            workers,
            1,
            manual);
    queue.start();
    queue.add("running");
    entered.await();
    queue.add("queued");
    queue.add("running"); // would run again afterwards
    queue.addAfter("delayed", ms(5));

    queue.shutDown();
    queue.add("late");
    assertThat(queue.awaitIdle(ms(1))).as("the running handler has not finished").isFalse();
    release.countDown();

    assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
    manual.advance(Duration.ofMinutes(1)); // the delayed key and any retry would be due now
    assertThat(queue.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(handled).containsExactly("running");
    assertThat(queue.size()).isZero();
    assertThat(manual.delays()).as("no retry scheduled after shutdown").containsExactly(ms(5));
  }

  @Test
  void aHandlerThrowingAnErrorDoesNotStopTheQueue() {
    List<String> handled = new CopyOnWriteArrayList<>();
    KeyedWorkQueue<String> queue =
        started(
            key -> {
              if (key.equals("boom")) {
                throw new AssertionError("a bug in the handler");
              }
              handled.add(key);
              return null;
            },
            1);

    queue.add("boom");
    Await.until("the failed handler to leave", queue::isIdle);
    queue.add("boom");
    queue.add("next");

    Await.until("the next key", () -> handled.contains("next"));
    Await.until("no worker left behind", () -> queue.awaitIdle(Duration.ofMillis(10)));
  }

  @Test
  void parallelismBelowOneIsRefused() {
    assertThatThrownBy(
            () -> new KeyedWorkQueue<String>("test", key -> null, BACKOFF, workers, 0, manual))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism");
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  /**
   * A {@link DelayTimer} on a {@link MutableClock}: tasks run, on the test's thread, when {@link
   * #advance} moves the clock past their due time. Remembers every delay it was given.
   */
  private static final class ManualTimer implements DelayTimer {
    private final MutableClock clock = new MutableClock();
    private final List<Instant> dues = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
      dues.add(clock.instant().plus(delay));
      tasks.add(task);
      delays.add(delay);
    }

    synchronized List<Duration> delays() {
      return List.copyOf(delays);
    }

    /** Moves the clock and runs the tasks now due, including those they schedule. */
    void advance(Duration by) {
      Instant now = clock.advance(by);
      while (true) {
        Runnable due = null;
        synchronized (this) {
          for (int i = 0; i < dues.size(); i++) {
            if (!dues.get(i).isAfter(now)) {
              dues.remove(i);
              due = tasks.remove(i);
              break;
            }
          }
        }
        if (due == null) {
          return;
        }
        due.run();
      }
    }
  }
}
