package dev.aino.runtime.host;

import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread a host driver uses for all its containers' logs: every poll interval it collects
 * the new output of each running container ({@link ContainerLogFiles#collect}), finishes the log of
 * each container that ended, and hands followers their lines. The cost per container is two {@code
 * stat}s per poll while it runs, not a thread.
 */
public final class LogCollector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogCollector.class);

  private final ScheduledExecutorService timer;
  private final Map<ContainerLogFiles, BooleanSupplier> running = new ConcurrentHashMap<>();
  private final Set<ContainerLogFiles> followedAfterEnd = ConcurrentHashMap.newKeySet();

  /** Starts collecting every {@code interval} on a daemon thread named after {@code name}. */
  public LogCollector(String name, Duration interval) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "aino-" + name + "-logs");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Collects {@code log} until {@code isRunning} turns false, then ends it. {@code isRunning} is
   * asked every poll, so it must be cheap.
   */
  public void watch(ContainerLogFiles log, BooleanSupplier isRunning) {
    running.put(log, isRunning);
  }

  /** Follows {@code log}; see {@link dev.aino.runtime.ContainerRuntime#followLogs}. */
  public LogSubscription follow(ContainerLogFiles log, Instant since, Consumer<LogLine> consumer) {
    LogSubscription subscription = log.follow(since, consumer);
    if (!running.containsKey(log)) {
      followedAfterEnd.add(log);
    }
    return subscription;
  }

  /** Stops collecting {@code log} and ends its subscriptions: the container is being removed. */
  public void forget(ContainerLogFiles log) {
    running.remove(log);
    followedAfterEnd.remove(log);
    log.closeFollowers();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private void tick() {
    for (Map.Entry<ContainerLogFiles, BooleanSupplier> entry : running.entrySet()) {
      ContainerLogFiles log = entry.getKey();
      try {
        if (entry.getValue().getAsBoolean()) {
          log.collect();
        } else {
          log.end();
          running.remove(log);
          followedAfterEnd.add(log);
        }
        log.deliver();
      } catch (RuntimeException e) {
        // A log whose files vanished or broke would fail every poll: report it once, drop it.
        LOG.warn("collecting logs failed, no longer collecting this log: {}", e.getMessage());
        forget(log);
      }
    }
    for (ContainerLogFiles log : followedAfterEnd) {
      log.deliver();
      if (!log.hasFollowers()) {
        followedAfterEnd.remove(log);
      }
    }
  }
}
