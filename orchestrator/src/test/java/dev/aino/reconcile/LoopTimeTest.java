package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.testing.Await;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The system's {@link LoopTime}, which the controller runs on in production. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoopTimeTest {
  private static final Duration SHORT = Duration.ofMillis(50);
  private final Object monitor = new Object();

  @Test
  void itsTimeIsTheSystemsMonotonicTime() throws Exception {
    long before = System.nanoTime();
    long read = LoopTime.SYSTEM.nanoTime();
    long after = System.nanoTime();
    assertThat(read).isBetween(before, after);
  }

  @Test
  void aSleepLastsAtLeastItsDuration() throws Exception {
    long start = LoopTime.SYSTEM.nanoTime();
    LoopTime.SYSTEM.sleep(SHORT);
    assertThat(LoopTime.SYSTEM.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
  }

  @Test
  void aWaitNobodyEndsLastsItsTimeout() throws Exception {
    long start = System.nanoTime();
    synchronized (monitor) {
      LoopTime.SYSTEM.await(monitor, SHORT);
    }
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
  }

  /** A resync interval under a millisecond once made the scheduling thread wait for ever. */
  @Test
  void aWaitShorterThanAMillisecondEnds() throws Exception {
    synchronized (monitor) {
      LoopTime.SYSTEM.await(monitor, Duration.ofNanos(500_000));
    }
  }

  @Test
  void aWaitEndsWhenTheMonitorIsNotified() throws Exception {
    AtomicLong waited = new AtomicLong(-1);
    Thread waiter =
        new Thread(
            () -> {
              long start = System.nanoTime();
              synchronized (monitor) {
                try {
                  LoopTime.SYSTEM.await(monitor, Duration.ofMinutes(10));
                } catch (InterruptedException e) {
                  return;
                }
              }
              waited.set(System.nanoTime() - start);
            });
    waiter.start();
    Await.until("the waiter waiting", () -> waiter.getState() == Thread.State.TIMED_WAITING);
    synchronized (monitor) {
      monitor.notifyAll();
    }
    waiter.join(10_000);
    assertThat(waited.get()).isBetween(0L, Duration.ofSeconds(10).toNanos());
  }
}
