package dev.aino.server;

import dev.aino.agent.AgentConfig;
import dev.aino.agent.NodeAgent;
import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.api.impl.StatusViews;
import dev.aino.autoscale.Autoscaler;
import dev.aino.autoscale.AutoscalerConfig;
import dev.aino.image.DefaultImageService;
import dev.aino.image.ImageService;
import dev.aino.image.registry.RegistryConfig;
import dev.aino.metrics.ClusterCounts;
import dev.aino.metrics.Metrics;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.reconcile.ClusterCache;
import dev.aino.reconcile.Controller;
import dev.aino.reconcile.ControllerConfig;
import dev.aino.reconcile.LeaderGate;
import dev.aino.reconcile.MemberView;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.oci.OciBinary;
import dev.aino.runtime.oci.OciRuntime;
import dev.aino.runtime.oci.OciRuntimeConfig;
import dev.aino.runtime.process.ProcessRuntime;
import dev.aino.runtime.process.ProcessRuntimeConfig;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.server.gossip.SwimMembership;
import dev.aino.server.logs.ClusterLogSource;
import dev.aino.server.logs.ClusterUsageSource;
import dev.aino.store.FencedStateStore;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.etcd.EtcdLeaderElection;
import dev.aino.store.etcd.EtcdStateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The orchestration side of one {@code aino up} process: the controller (scheduler, reconciler,
 * node lifecycle), the in-process node agent for the local machine and its runtime, and the {@link
 * OrchestratorService} every surface calls. Started after the store, closed before it. On an etcd
 * store the server takes part in the leader election: its controller and autoscaler act only while
 * it leads, and write through a {@link FencedStateStore}; its agent and API serve all along.
 */
public final class ControlPlane implements AutoCloseable {
  private final ContainerRuntime runtime;
  private final Controller controller;
  private final NodeAgent agent;
  private final OrchestratorService service;
  private final ClusterLogSource logs;
  private final ClusterUsageSource usage;
  private final Autoscaler autoscaler;
  private final EtcdLeaderElection election;
  private final FencedStateStore fenced;
  private final SwimMembership gossip;

  private ControlPlane(
      ContainerRuntime runtime,
      Controller controller,
      NodeAgent agent,
      OrchestratorService service,
      ClusterLogSource logs,
      ClusterUsageSource usage,
      Autoscaler autoscaler,
      EtcdLeaderElection election,
      FencedStateStore fenced,
      SwimMembership gossip) {
    this.election = election;
    this.gossip = gossip;
    this.fenced = fenced;
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
    return start(
        store,
        node,
        dataDir,
        null,
        AutoscalerConfig.DEFAULTS,
        ServerSettings.DEFAULT_LEADER_LEASE,
        null,
        Metrics.NONE);
  }

  /**
   * Starts the controller and the local node's agent over {@code store}.
   *
   * @param token the cluster's bearer token, sent to other nodes' servers to read the logs and
   *     usage of instances there; null when the cluster has none
   * @param autoscaling how the autoscaler behaves
   * @param leaderLease with an etcd store, the leader's lease time-to-live
   * @param gossipSettings with an etcd store and a token, the SWIM group that marks a dead node
   *     DOWN within seconds; null for heartbeats alone
   * @param metrics where the controller, the agent, the image service and the autoscaler report
   */
  public static ControlPlane start(
      StateStore store,
      NodeSettings node,
      Path dataDir,
      String token,
      AutoscalerConfig autoscaling,
      Duration leaderLease,
      GossipSettings gossipSettings,
      Metrics metrics) {
    Clock clock = Clock.systemUTC();
    Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
    ContainerRuntime runtime = runtimeFor(node, dataDir, metrics);
    // One server of several on etcd acts as control plane, and writes as such only in its term;
    // a single server (memory, SQLite) always acts and writes directly.
    EtcdLeaderElection election = null;
    LeaderGate gate = LeaderGate.ALWAYS;
    StateStore controlStore = store;
    if (store instanceof EtcdStateStore etcd) {
      election =
          new EtcdLeaderElection(
              etcd, node.name(), leaderLease, new LeadershipEvents(store, node.name()));
      gate = election;
      controlStore = new FencedStateStore(etcd, election);
    }
    SwimMembership gossip = null;
    ControllerConfig controllerConfig = ControllerConfig.defaults();
    if (gossipSettings != null) {
      gossip =
          SwimMembership.join(
              node.name(),
              advertisedHost(node),
              gossipSettings.port(),
              gossipSettings.seeds(),
              token,
              clock);
      controllerConfig = controllerConfig.withNodeLostGrace(gossipSettings.nodeLostGrace());
    }
    Controller controller =
        new Controller(
            controlStore,
            scheduler,
            controllerConfig,
            clock,
            gate,
            metrics,
            gossip == null ? MemberView.NONE : gossip);
    metrics.clusterState(stateCounts(controller.cache()));
    NodeAgent agent = null;
    try {
      controller.start();
      if (election != null) {
        election.start();
      }
      AgentConfig config =
          AgentConfig.builder(node.capacity())
              .labels(node.labels())
              .parallelStarts(node.parallelStarts())
              .build();
      agent = new NodeAgent(node.name(), store, runtime, config, clock, null, metrics);
      agent.start();
    } catch (RuntimeException e) {
      throw FailedStart.release(e, agent, election, controller, runtime, gossip);
    }
    ClusterLogSource logs = new ClusterLogSource(node.name(), agent.logSource(), store, token);
    ClusterUsageSource usage =
        new ClusterUsageSource(node.name(), agent.usageSource(), store, token);
    // Where the controller runs: on the leader only, writing in its term.
    Autoscaler autoscaler =
        new Autoscaler(controlStore, usage, autoscaling, clock, gate, metrics).start();
    return new ControlPlane(
        runtime,
        controller,
        agent,
        new CoreOrchestratorService(store, scheduler, clock, logs, usage, node.localImages(), gate),
        logs,
        usage,
        autoscaler,
        election,
        controlStore instanceof FencedStateStore fenced ? fenced : null,
        gossip);
  }

  /**
   * The host part of the node's advertised {@code host:port}: where other servers reach it. Without
   * {@code --advertise-address} it is the default the HTTP side advertises too (loopback); the port
   * does not matter here.
   */
  private static String advertisedHost(NodeSettings node) {
    String address = node.advertiseAddress(0);
    String host = address.substring(0, address.lastIndexOf(':'));
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * The leadership as this server sees it: whether it leads, which server does, and how many
   * control-plane writes fencing refused here; empty for a single server.
   */
  public Optional<Leadership> leadership() {
    if (election == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Leadership(
            election.isLeader(),
            election.leaderName().orElse(null),
            election.term().orElse(0),
            election.termsWon(),
            fenced.refusedWrites(),
            fenced.staleTermWrites(),
            fenced.lastWriteRevision()));
  }

  /**
   * One server's view of the election.
   *
   * @param leading whether this server is the control plane now
   * @param leader the server that leads, as last seen; null while none does
   * @param term this server's term when it leads, else 0
   * @param termsWon how often this server has been elected since it started
   * @param fencedWrites control-plane writes refused here because their term was not the leader's
   * @param staleTermWrites of those, the ones etcd refused: sent with a term this server still
   *     believed it held (paused between its gate and its write), stopped by the fence alone
   * @param lastControlWriteRevision the etcd revision of this server's last control-plane write
   *     that etcd accepted, 0 before the first; below the current leader's term on any server that
   *     lost the leadership, since no write of an old term lands once a new term began
   */
  public record Leadership(
      boolean leading,
      String leader,
      long term,
      long termsWon,
      long fencedWrites,
      long staleTermWrites,
      long lastControlWriteRevision) {}

  /**
   * Records {@code address} ({@code HOST:PORT}) on the local node as where the other servers of the
   * cluster reach this one; called once the HTTP port is bound.
   */
  public void advertise(String address) {
    logs.advertised(address);
    usage.advertised(address);
    agent.advertise(address);
  }

  /**
   * Counts of instances, nodes and workloads kept from the controller's watch-fed cache (which it
   * must follow from its first list on, so this is called before the controller starts): a scrape
   * reads counters instead of listing the store. A workload's state is recomputed from the cache's
   * copy of its instances only when one of them changed.
   */
  public static ClusterCounts stateCounts(ClusterCache cache) {
    ClusterCounts counts =
        new ClusterCounts(
            name ->
                cache
                    .workload(name)
                    .map(w -> StatusViews.status(w, cache.instancesOf(name)).state()));
    cache.addListener(
        change -> {
          if (change.kind() == ObjectKind.INSTANCES) {
            counts.instanceChanged((Instance) change.previous(), (Instance) change.current());
          } else if (change.kind() == ObjectKind.NODES) {
            counts.nodeChanged((Node) change.previous(), (Node) change.current());
          } else if (change.kind() == ObjectKind.WORKLOADS) {
            counts.workloadChanged(change.key());
          }
        });
    return counts;
  }

  /**
   * The node's container runtime as its settings ask: an OCI runtime (checked first, so a host that
   * cannot run containers gets one line), host processes, or simulated. Shared by {@code aino up}
   * and {@code aino agent}.
   */
  public static ContainerRuntime runtimeFor(NodeSettings node, Path dataDir, Metrics metrics) {
    RuntimeKind kind = node.runtime();
    if (kind.isOci()) {
      RegistryConfig registries = RegistryConfig.defaults();
      for (String hostPort : node.insecureRegistries()) {
        registries = registries.withInsecure(hostPort);
      }
      // Checked before anything else starts, so a host that cannot run containers gets one line.
      OciBinary binary = OciPrerequisites.check(kind, dataDir.resolve("tmp"));
      ImageService images =
          new DefaultImageService(
              dataDir.resolve("images"), registries, node.localImages(), metrics);
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
        if (election != null) {
          election.close(); // resigns, so another server takes over at once
        }
        controller.close();
      } finally {
        try {
          runtime.close();
        } finally {
          if (gossip != null) {
            gossip.close(); // leaves the group: the others see this node leaving at once
          }
        }
      }
    }
  }
}
