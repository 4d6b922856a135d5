package dev.aino.server;

import dev.aino.agent.AgentConfig;
import dev.aino.agent.NodeAgent;
import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.autoscale.Autoscaler;
import dev.aino.autoscale.AutoscalerConfig;
import dev.aino.image.DefaultImageService;
import dev.aino.image.ImageService;
import dev.aino.image.registry.RegistryConfig;
import dev.aino.reconcile.Controller;
import dev.aino.reconcile.ControllerConfig;
import dev.aino.reconcile.LeaderGate;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.oci.OciBinary;
import dev.aino.runtime.oci.OciRuntime;
import dev.aino.runtime.oci.OciRuntimeConfig;
import dev.aino.runtime.process.ProcessRuntime;
import dev.aino.runtime.process.ProcessRuntimeConfig;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.server.logs.ClusterLogSource;
import dev.aino.server.logs.ClusterUsageSource;
import dev.aino.store.StateStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The orchestration side of one {@code aino up} process: the controller (scheduler, reconciler,
 * node lifecycle), the in-process node agent for the local machine and its runtime, and the {@link
 * OrchestratorService} every surface calls. Started after the store, closed before it.
 */
public final class ControlPlane implements AutoCloseable {
  private final ContainerRuntime runtime;
  private final Controller controller;
  private final NodeAgent agent;
  private final OrchestratorService service;
  private final ClusterLogSource logs;
  private final ClusterUsageSource usage;
  private final Autoscaler autoscaler;

  private ControlPlane(
      ContainerRuntime runtime,
      Controller controller,
      NodeAgent agent,
      OrchestratorService service,
      ClusterLogSource logs,
      ClusterUsageSource usage,
      Autoscaler autoscaler) {
    this.runtime = runtime;
    this.controller = controller;
    this.agent = agent;
    this.service = service;
    this.logs = logs;
    this.usage = usage;
    this.autoscaler = autoscaler;
  }

  /**
   * Starts the controller and the local node's agent over {@code store}, for a tokenless cluster.
   */
  public static ControlPlane start(StateStore store, NodeSettings node, Path dataDir) {
    return start(store, node, dataDir, null, AutoscalerConfig.DEFAULTS);
  }

  /**
   * Starts the controller and the local node's agent over {@code store}.
   *
   * @param token the cluster's bearer token, sent to other nodes' servers to read the logs and
   *     usage of instances there; null when the cluster has none
   * @param autoscaling how the autoscaler behaves
   */
  public static ControlPlane start(
      StateStore store,
      NodeSettings node,
      Path dataDir,
      String token,
      AutoscalerConfig autoscaling) {
    Clock clock = Clock.systemUTC();
    Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
    ContainerRuntime runtime = runtimeFor(node, dataDir);
    Controller controller =
        new Controller(store, scheduler, ControllerConfig.defaults(), clock, LeaderGate.ALWAYS);
    NodeAgent agent = null;
    try {
      controller.start();
      AgentConfig config =
          AgentConfig.builder(node.capacity())
              .labels(node.labels())
              .parallelStarts(node.parallelStarts())
              .build();
      agent = new NodeAgent(node.name(), store, runtime, config, clock);
      agent.start();
    } catch (RuntimeException e) {
      if (agent != null) {
        agent.close();
      }
      controller.close();
      runtime.close();
      throw e;
    }
    ClusterLogSource logs = new ClusterLogSource(node.name(), agent.logSource(), store, token);
    ClusterUsageSource usage =
        new ClusterUsageSource(node.name(), agent.usageSource(), store, token);
    // Where the controller runs; it will follow the controller's leader gate once there is one.
    Autoscaler autoscaler =
        new Autoscaler(store, usage, autoscaling, clock, LeaderGate.ALWAYS).start();
    return new ControlPlane(
        runtime,
        controller,
        agent,
        new CoreOrchestratorService(store, scheduler, clock, logs, usage, node.localImages()),
        logs,
        usage,
        autoscaler);
  }

  /**
   * Records {@code address} ({@code HOST:PORT}) on the local node as where the other servers of the
   * cluster reach this one; called once the HTTP port is bound.
   */
  public void advertise(String address) {
    logs.advertised(address);
    usage.advertised(address);
    agent.advertise(address);
  }

  private static ContainerRuntime runtimeFor(NodeSettings node, Path dataDir) {
    RuntimeKind kind = node.runtime();
    if (kind.isOci()) {
      RegistryConfig registries = RegistryConfig.defaults();
      for (String hostPort : node.insecureRegistries()) {
        registries = registries.withInsecure(hostPort);
      }
      // Checked before anything else starts, so a host that cannot run containers gets one line.
      OciBinary binary = OciPrerequisites.check(kind, dataDir.resolve("tmp"));
      ImageService images =
          new DefaultImageService(dataDir.resolve("images"), registries, node.localImages());
      return OciRuntime.open(
          OciRuntimeConfig.defaults(dataDir).withBinary(binary.path().toString()),
          images,
          node.bridgeNetwork(dataDir));
    }
    return switch (kind) {
      case PROCESS -> ProcessRuntime.open(ProcessRuntimeConfig.defaults(dataDir));
      default -> new SimulatedRuntime();
    };
  }

  /** The facade every surface calls. */
  public OrchestratorService service() {
    return service;
  }

  /** The local runtime's fingerprint, e.g. {@code runc 1.1.5} or {@code simulated 1}. */
  public String runtimeDescription() {
    var info = runtime.fingerprint();
    return info.name() + (info.version().isEmpty() ? "" : " " + info.version());
  }

  /** Stops the agent (its containers keep running, to be adopted next start) and the controller. */
  @Override
  public void close() {
    try {
      autoscaler.close();
      agent.close();
    } finally {
      try {
        controller.close();
      } finally {
        runtime.close();
      }
    }
  }
}
