package dev.aino.agent;

import dev.aino.api.InstanceLogListener;
import dev.aino.api.InstanceLogSource;
import dev.aino.api.InstanceLogs;
import dev.aino.error.FailedPreconditionException;
import dev.aino.error.NotFoundException;
import dev.aino.model.Instance;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the logs of instances on this agent's node from its runtime. The container is the one the
 * agent holds for the instance, or the one the instance records (found again with {@link
 * dev.aino.runtime.ContainerRuntime#recover}, e.g. an ended container the agent no longer tracks).
 *
 * <p>The runtime SPI stops delivering after a container's last line but says nothing when it does,
 * so a follow watches the container on the agent's timer and reports the end one check after the
 * runtime saw it exit, by which time the runtime has collected its last lines.
 */
final class LocalLogSource implements InstanceLogSource {
  private static final Duration END_CHECK = Duration.ofSeconds(1);

  private final AgentContext ctx;
  private final ScheduledExecutorService timer;

  LocalLogSource(AgentContext ctx, ScheduledExecutorService timer) {
    this.ctx = ctx;
    this.timer = timer;
  }

  @Override
  public InstanceLogs read(Instance instance, LogQuery query) {
    if (instance.containerId() == null || instance.containerId().isEmpty()) {
      return lastRun(instance, query);
    }
    ContainerHandle handle = handleOf(instance);
    return InstanceLogs.of(instance, handle.containerId(), ctx.runtime().logs(handle, query));
  }

  /** An instance waiting to restart: the output its last container left, while it is held. */
  private InstanceLogs lastRun(Instance instance, LogQuery query) {
    LocalContainers.LastRun run = ctx.containers().lastRun(instance.id());
    if (run == null) {
      throw new FailedPreconditionException(
          "instance \""
              + instance.id()
              + "\" has no container now ("
              + instance.reason()
              + ": "
              + instance.message()
              + ") and node "
              + ctx.nodeName()
              + " no longer holds the output of its last one; read again once it runs");
    }
    return InstanceLogs.of(instance, run.containerId(), LogChunk.select(run.lines(), query));
  }

  @Override
  public LogSubscription follow(Instance instance, Instant since, InstanceLogListener listener) {
    ContainerHandle handle = handleOf(instance);
    EndWatch watch = new EndWatch(handle, listener);
    watch.delivery = ctx.runtime().followLogs(handle, since, listener::line);
    long nanos = END_CHECK.toNanos();
    watch.check = timer.scheduleWithFixedDelay(watch::check, nanos, nanos, TimeUnit.NANOSECONDS);
    return watch::close;
  }

  private ContainerHandle handleOf(Instance instance) {
    ContainerHandle held = ctx.containers().current(instance.id());
    if (held != null && held.containerId().equals(instance.containerId())) {
      return held;
    }
    return ctx.runtime()
        .recover(instance.id(), instance.containerId())
        .orElseThrow(
            () ->
                new NotFoundException(
                    "the container "
                        + instance.containerId()
                        + " of instance \""
                        + instance.id()
                        + "\" is gone from node "
                        + ctx.nodeName()
                        + " (removed after it ended), so are its logs"));
  }

  /** Ends a follow one check after its container ended, or when the caller closes it. */
  private final class EndWatch {
    private final ContainerHandle handle;
    private final InstanceLogListener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile LogSubscription delivery;
    private volatile ScheduledFuture<?> check;
    private boolean endSeen;

    EndWatch(ContainerHandle handle, InstanceLogListener listener) {
      this.handle = handle;
      this.listener = listener;
    }

    /** Runs on the timer only. */
    void check() {
      if (endSeen) {
        close();
        listener.ended(null);
        return;
      }
      try {
        endSeen = ctx.runtime().inspect(handle).hasEnded();
      } catch (RuntimeException e) {
        endSeen = true; // a container the runtime cannot inspect will write nothing more
      }
    }

    void close() {
      if (closed.compareAndSet(false, true)) {
        check.cancel(false);
        delivery.close();
      }
    }
  }
}
