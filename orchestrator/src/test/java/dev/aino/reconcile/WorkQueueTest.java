package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private final WorkQueue<String> queue =
      new WorkQueue<>(Duration.ofMillis(5), Duration.ofMillis(200));

  @Test
  void aKeyAddedTwiceIsQueuedOnce() throws Exception {
    queue.add("a");
    queue.add("b");
    queue.add("a");
    assertThat(queue.size()).isEqualTo(2);
    assertThat(queue.take(Duration.ofSeconds(1))).contains("a");
    assertThat(queue.take(Duration.ofSeconds(1))).contains("b");
    assertThat(queue.take(Duration.ofMillis(20))).isEmpty();
  }

  @Test
  void aKeyInProcessIsNotHandedOutAgainButRequeuedWhenDone() throws Exception {
    queue.add("a");
    String taken = queue.take(Duration.ofSeconds(1)).orElseThrow();
    queue.add("a");
    assertThat(queue.take(Duration.ofMillis(30))).isEmpty();
    queue.done(taken);
    assertThat(queue.take(Duration.ofSeconds(1))).contains("a");
  }

  @Test
  void backoffDoublesUpToTheCapAndForgetResetsIt() {
    assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(10));
    assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(20));
    for (int i = 0; i < 10; i++) {
      queue.addRateLimited("a");
    }
    assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(200));
    queue.forget("a");
    assertThat(queue.failures("a")).isZero();
    assertThat(queue.addRateLimited("a")).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void delayedKeysArriveAfterTheirDelay() throws Exception {
    long t0 = System.nanoTime();
    queue.addAfter("later", Duration.ofMillis(50));
    assertThat(queue.take(Duration.ofSeconds(2))).contains("later");
    assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(45));
  }

  @Test
  void keysQueuedBeforeTheWorkersStartAreProcessedOnceEach() throws Exception {
    for (int i = 0; i < 2000; i++) {
      queue.add("k" + (i % 7));
    }
    ConcurrentHashMap<String, AtomicInteger> processed = new ConcurrentHashMap<>();
    runWorkers(
        4,
        () -> false,
        key -> processed.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());
    assertThat(processed).hasSize(7);
    assertThat(processed.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void workersNeverProcessOneKeyConcurrentlyAndEachSeesItsLastAdd() throws Exception {
    int keys = 7;
    int adds = 2000;
    ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    // What the producer last wrote for each key before adding it, and what a worker last read
    // when it processed that key: a queue that dropped an add made during processing would leave
    // a worker's last read behind the producer's last write.
    ConcurrentHashMap<String, Integer> written = new ConcurrentHashMap<>();
    ConcurrentHashMap<String, Integer> read = new ConcurrentHashMap<>();
    AtomicInteger processed = new AtomicInteger();
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
    runWorkers(
        4,
        producer::isAlive,
        key -> {
          AtomicInteger n = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
          if (n.incrementAndGet() > 1) {
            violations.add(key);
          }
          read.put(key, written.get(key));
          Thread.sleep(1);
          n.decrementAndGet();
          processed.incrementAndGet();
        });
    producer.join();
    assertThat(violations).isEmpty();
    assertThat(read).isEqualTo(written).hasSize(keys);
    assertThat(processed.get()).isBetween(keys, adds);
  }

  /** What a worker does with a key it took. */
  private interface Handler {
    void handle(String key) throws InterruptedException;
  }

  /**
   * Runs {@code workers} threads that take, handle and mark done until the queue stays empty while
   * nothing more is coming.
   */
  private void runWorkers(int workers, BooleanSupplier moreComing, Handler handler)
      throws InterruptedException {
    CountDownLatch finished = new CountDownLatch(workers);
    for (int w = 0; w < workers; w++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    var key = queue.take(Duration.ofMillis(300));
                    if (key.isEmpty()) {
                      if (moreComing.getAsBoolean()) {
                        continue;
                      }
                      return;
                    }
                    handler.handle(key.get());
                    queue.done(key.get());
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  finished.countDown();
                }
              });
      t.start();
    }
    assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void shutDownWakesTakers() throws Exception {
    CountDownLatch returned = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              try {
                queue.take(Duration.ofSeconds(30));
              } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
              }
              returned.countDown();
            });
    t.start();
    Await.until(
        "the taker to wait in take",
        () -> t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING);
    queue.shutDown();
    assertThat(returned.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
