package dev.aino.agent;

import dev.aino.api.InstanceLogSource;
import dev.aino.api.InstanceUsageSource;
import dev.aino.error.AinoException;
import dev.aino.metrics.Metrics;
import dev.aino.model.Instance;
import dev.aino.model.RuntimeInfo;
import dev.aino.model.Validate;
import dev.aino.retry.Backoff;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.store.ListResult;
import dev.aino.store.StateStore;
import dev.aino.work.DelayTimer;
import dev.aino.work.KeyedWorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs on every node: registers the node and heartbeats, watches the instances placed on it
 * (and no others: the store's index by node), and runs their containers through the node's {@link
 * ContainerRuntime}, reporting every transition back to the store.
 *
 * <p>On {@link #start()} it first recovers: containers that its instances record and that still
 * exist are adopted, every other container of the runtime is removed as an orphan. Then each
 * instance of the node is synced whenever it or its container changes (see {@link InstanceSync}),
 * and once a minute regardless. {@link #close()} stops the agent but leaves containers running, for
 * the next agent to adopt.
 */
public final class NodeAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
  private static final Duration RESYNC_INTERVAL = Duration.ofMinutes(1);

  /**
   * How soon a failed sync of one instance is tried again: soon, since most failures are a lost
   * race or a control plane that is briefly away, and at most every 30 s while it keeps failing.
   */
  private static final Backoff SYNC_RETRY =
      new Backoff(Duration.ofMillis(50), Duration.ofSeconds(30));

  private final String nodeName;
  private final ContainerRuntime runtime;
  private final AgentConfig config;
  private final AgentExecutors executors;
  private final boolean ownsExecutors;
  private final AgentContext ctx;
  private final NodeRegistration registration;
  private final InstanceSync sync;
  private final InstanceFeed feed;
  private final UsageSampler usage;
  private final AssignedInstances assigned;
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private RuntimeInfo fingerprint;
  private boolean started;
  private boolean closed;

  /** An agent with threads of its own. */
  public NodeAgent(
      String nodeName,
      StateStore store,
      ContainerRuntime runtime,
      AgentConfig config,
      Clock clock) {
    this(nodeName, store, runtime, config, clock, null);
  }

  /**
   * An agent on {@code executors} shared with other agents (a simulation of many nodes in one
   * process); the caller shuts them down. Null creates threads of its own.
   */
  public NodeAgent(
      String nodeName,
      StateStore store,
      ContainerRuntime runtime,
      AgentConfig config,
      Clock clock,
      AgentExecutors executors) {
    this(nodeName, store, runtime, config, clock, executors, Metrics.NONE);
  }

  /**
   * An agent that reports container starts and restarts to {@code metrics}; {@code executors} as
   * above. It talks to the store directly: a server's own node.
   */
  public NodeAgent(
      String nodeName,
      StateStore store,
      ContainerRuntime runtime,
      AgentConfig config,
      Clock clock,
      AgentExecutors executors,
      Metrics metrics) {
    this(new StoreNodeApi(store, nodeName, clock), runtime, config, clock, executors, metrics);
  }

  /**
   * An agent that reaches the control plane only through {@code api}: a host that joined a cluster
   * over HTTP, or (through {@link StoreNodeApi}) a server's own node; {@code executors} as above.
   */
  public NodeAgent(
      NodeApi api,
      ContainerRuntime runtime,
      AgentConfig config,
      Clock clock,
      AgentExecutors executors,
      Metrics metrics) {
    Objects.requireNonNull(api, "api");
    String nodeName = api.nodeName();
    Objects.requireNonNull(metrics, "metrics");
    this.nodeName = Validate.dnsLabel("nodeName", nodeName);
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    this.ownsExecutors = executors == null;
    this.executors =
        executors != null ? executors : AgentExecutors.create(nodeName, config.workers());
    AgentEvents events = new AgentEvents(api, nodeName);
    Monitor monitor =
        new Monitor(
            runtime, clock, new HealthProber(runtime), this.executors.probes(), this::requeue);
    KeyedWorkQueue<String> queue =
        new KeyedWorkQueue<>(
            "agent " + nodeName,
            this::syncOne,
            SYNC_RETRY,
            this.executors.workers(),
            config.workers(),
            DelayTimer.on(this.executors.timer()));
    RestartBackoff backoff =
        new RestartBackoff(
            config.backoffInitial(), config.backoffMax(), config.backoffResetAfter());
    this.ctx =
        new AgentContext(
            nodeName,
            api,
            runtime,
            config,
            clock,
            events,
            new LocalContainers(),
            monitor,
            backoff,
            queue,
            new StartSlots(config.parallelStarts()),
            metrics);
    this.registration = new NodeRegistration(api, config, events);
    this.assigned = new AssignedInstances(nodeName);
    this.sync = new InstanceSync(ctx, assigned);
    this.feed = new InstanceFeed(api, nodeName, this.executors.timer(), new FeedListener());
    this.usage = new UsageSampler(ctx);
  }

  public String nodeName() {
    return nodeName;
  }

  /**
   * Records {@code address} ({@code host:port}) on the node as where other servers reach this
   * agent, replacing the configured one; e.g. once the server knows the port it bound.
   */
  public synchronized void advertise(String address) {
    Validate.text("address", address);
    if (!started) {
      throw new IllegalStateException("node agent " + nodeName + " has not been started");
    }
    registration.readdress(address, fingerprint);
  }

  /** Reads the logs of this node's instances from its runtime. */
  public InstanceLogSource logSource() {
    return new LocalLogSource(ctx, executors.timer());
  }

  /**
   * Reads how much CPU and memory this node's instances use, from the samples the agent takes every
   * {@link AgentConfig#statsInterval()}.
   */
  public InstanceUsageSource usageSource() {
    return usage;
  }

  /** Samples every container's usage now, besides the periodic samples; for tests and tools. */
  public void sampleUsage() {
    usage.sampleAll();
  }

  /**
   * Registers the node, recovers containers, and starts watching and heartbeating. When the control
   * plane cannot be reached nothing has been done, and start may be called again.
   *
   * @throws AinoException when the control plane or the runtime cannot be reached
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("node agent " + nodeName + " was already started");
    }
    fingerprint = runtime.fingerprint();
    // Nothing has changed yet when these fail (the control plane did not answer): start may be
    // called again, e.g. by a joined agent waiting for a server.
    registration.register(fingerprint);
    ListResult<Instance> snapshot = feed.list();
    started = true;
    assigned.replaceAll(snapshot.items());
    new Recovery(ctx).run(snapshot.items());
    ctx.queue().start();
    assigned.ids().forEach(ctx.queue()::add);
    ctx.containers().instanceIds().forEach(ctx.queue()::add);
    feed.start(snapshot);
    every(config.heartbeatInterval(), this::heartbeat);
    every(config.pollInterval(), ctx.monitor()::poll);
    every(RESYNC_INTERVAL, this::resync);
    every(config.statsInterval(), usage::sampleAll);
    LOG.info(
        "node agent {} started with runtime {} {}",
        nodeName,
        fingerprint.name(),
        fingerprint.version());
  }

  /** Stops watching, heartbeating and syncing. Containers keep running. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    feed.close();
    tasks.forEach(t -> t.cancel(false));
    ctx.queue().shutDown();
    long waitMillis = config.stopGrace().toMillis() + 5_000;
    if (ownsExecutors) {
      executors.shutdown(waitMillis);
    } else {
      ctx.queue().awaitIdle(Duration.ofMillis(waitMillis));
    }
    LOG.info("node agent {} stopped", nodeName);
  }

  private void every(Duration interval, Runnable task) {
    long nanos = interval.toNanos();
    Runnable guarded =
        () -> {
          try {
            task.run();
          } catch (AinoException e) {
            // The control plane or the runtime did not answer: the task runs again anyway.
            LOG.warn("node agent {}: periodic task failed: {}", nodeName, e.getMessage());
          } catch (RuntimeException e) {
            LOG.warn("node agent {}: periodic task failed: {}", nodeName, e.getMessage(), e);
          }
        };
    tasks.add(
        executors.timer().scheduleWithFixedDelay(guarded, nanos, nanos, TimeUnit.NANOSECONDS));
  }

  private void heartbeat() {
    registration.heartbeat(fingerprint);
  }

  private void resync() {
    Set<String> ids = new HashSet<>(assigned.ids());
    ids.addAll(ctx.containers().instanceIds());
    ids.forEach(ctx.queue()::add);
  }

  private void requeue(String instanceId) {
    ctx.queue().add(instanceId);
  }

  private Duration syncOne(String instanceId) {
    sync.sync(instanceId);
    return null; // a sync that wants another look later queues it itself (restarts, probes)
  }

  /**
   * Keeps the delivered copies for the syncs, and queues the instances of this node and any
   * instance this agent still holds a container of.
   */
  private final class FeedListener implements InstanceFeed.Listener {
    @Override
    public void put(Instance instance) {
      boolean wasHere = assigned.contains(instance.id());
      if (assigned.offer(instance) && (wasHere || assigned.contains(instance.id()))) {
        ctx.queue().add(instance.id());
      } else if (ctx.containers().holdsAny(instance.id())) {
        ctx.queue().add(instance.id());
      }
    }

    @Override
    public void deleted(String id, long revision) {
      boolean wasHere = assigned.contains(id);
      assigned.deleted(id, revision);
      if (wasHere || ctx.containers().holdsAny(id)) {
        ctx.queue().add(id);
      }
    }

    @Override
    public void relisted(List<Instance> instances) {
      Set<String> gone = assigned.replaceAll(instances);
      assigned.ids().forEach(ctx.queue()::add);
      Set<String> held = new HashSet<>(ctx.containers().instanceIds());
      held.removeAll(assigned.ids());
      gone.addAll(held);
      gone.forEach(ctx.queue()::add); // deleted or moved while the watch was down
    }
  }
}
