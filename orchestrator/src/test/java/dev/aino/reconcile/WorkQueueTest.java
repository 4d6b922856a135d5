package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  void workersNeverProcessOneKeyConcurrently() throws Exception {
    int workers = 4;
    ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicInteger processed = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(workers);
    for (int w = 0; w < workers; w++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    var key = queue.take(Duration.ofMillis(300));
                    if (key.isEmpty()) {
                      return;
                    }
                    AtomicInteger n = inFlight.computeIfAbsent(key.get(), k -> new AtomicInteger());
                    if (n.incrementAndGet() > 1) {
                      violations.add(key.get());
                    }
                    Thread.sleep(1);
                    n.decrementAndGet();
                    processed.incrementAndGet();
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
    for (int i = 0; i < 2000; i++) {
      queue.add("k" + (i % 7));
    }
    assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(violations).isEmpty();
    assertThat(processed.get()).isBetween(7, 2000);
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
    Thread.sleep(20);
    queue.shutDown();
    assertThat(returned.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
