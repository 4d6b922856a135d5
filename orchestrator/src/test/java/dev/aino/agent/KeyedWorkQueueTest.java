package dev.aino.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.testing.Await;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedWorkQueueTest {
  private final AgentExecutors executors = AgentExecutors.create("queue-test", 4);

  @AfterEach
  void shutdown() {
    executors.close();
  }

  private KeyedWorkQueue queue(Consumer<String> handler) {
    return new KeyedWorkQueue("test", handler, executors.workers(), executors.timer(), 4);
  }

  @Test
  void aKeyAddedWhileItRunsRunsOnceMoreAfterwardsAndNeverTwiceAtOnce() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    KeyedWorkQueue queue =
        queue(
            key -> {
              maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
              if (runs.incrementAndGet() == 1) {
                entered.countDown();
                await(release);
              }
              concurrent.decrementAndGet();
            });

    queue.add("a");
    entered.await();
    for (int i = 0; i < 10; i++) {
      queue.add("a");
    }
    release.countDown();

    Await.until("the second run", () -> runs.get() == 2);
    queue.awaitIdle(5_000);
    assertThat(runs).hasValue(2);
    assertThat(maxConcurrent).hasValue(1);
  }

  @Test
  void differentKeysRunInParallel() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    List<String> done = new CopyOnWriteArrayList<>();
    KeyedWorkQueue queue =
        queue(
            key -> {
              both.countDown();
              await(both); // only returns when the other key runs at the same time
              done.add(key);
            });

    queue.add("a");
    queue.add("b");

    Await.until("both keys", () -> done.size() == 2);
    assertThat(done).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aFailingHandlerIsRetried() {
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    KeyedWorkQueue queue =
        queue(
            key -> {
              if (attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
              }
            });

    queue.add("a");

    Await.until("a third attempt", () -> attempts.get("a") != null && attempts.get("a").get() == 3);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
