package dev.aino.agent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads node agents run on. An agent creates its own by default; a simulation with thousands
 * of agents in one process passes one shared set to all of them, so threads do not grow with nodes.
 *
 * @param timer heartbeats, container polls and delayed retries; its tasks are short
 * @param workers instance syncs, which may block on the runtime (a stop waits its grace period)
 * @param probes health checks, which may block up to their timeout
 */
public record AgentExecutors(
    ScheduledExecutorService timer, ExecutorService workers, ExecutorService probes)
    implements AutoCloseable {

  /** Daemon threads named after {@code name}: one timer, {@code workers} workers, probes on use. */
  public static AgentExecutors create(String name, int workers) {
    return new AgentExecutors(
        Executors.newSingleThreadScheduledExecutor(daemon("aino-agent-" + name + "-timer")),
        Executors.newFixedThreadPool(workers, daemon("aino-agent-" + name + "-worker")),
        Executors.newCachedThreadPool(daemon("aino-agent-" + name + "-probe")));
  }

  /** Stops the threads, letting running tasks finish for up to {@code waitMillis}. */
  public void shutdown(long waitMillis) {
    timer.shutdownNow();
    workers.shutdown();
    probes.shutdownNow();
    try {
      if (!workers.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    shutdown(10_000);
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
