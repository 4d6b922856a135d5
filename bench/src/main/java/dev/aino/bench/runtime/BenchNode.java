package dev.aino.bench.runtime;

import dev.aino.agent.AgentConfig;
import dev.aino.agent.NodeAgent;
import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.files.FileTrees;
import dev.aino.image.DefaultImageService;
import dev.aino.image.ImageService;
import dev.aino.image.registry.RegistryConfig;
import dev.aino.model.Instance;
import dev.aino.model.Resources;
import dev.aino.reconcile.Controller;
import dev.aino.reconcile.ControllerConfig;
import dev.aino.reconcile.LeaderGate;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.oci.OciRuntime;
import dev.aino.runtime.oci.OciRuntimeConfig;
import dev.aino.runtime.oci.network.BridgeNetworkConfig;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.ObjectKind;
import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.Watch;
import dev.aino.store.memory.InMemoryStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * One real node in this process, as {@code aino up} wires it: an in-memory store, the controller
 * (scheduler and reconciler), and a node agent on the OCI driver with runc, its data (image cache
 * included) in a directory of its own. Closing it destroys every container it started.
 */
final class BenchNode implements AutoCloseable {
  static final String NODE = "bench";

  /** The child of the cgroup parent that the bare runc baseline puts its containers in. */
  static final String BARE_CGROUPS = "bare";

  final Path dataDir;
  final StateStore store;
  final ImageService images;
  final OciRuntime runtime;
  final OrchestratorService api;
  final StartTimes times = new StartTimes();
  private final String cgroupParent;
  private final Controller controller;
  private final NodeAgent agent;
  private final Watch watch;

  /**
   * @param parallelStarts how many containers the agent starts at once ({@link
   *     AgentConfig#parallelStarts})
   */
  BenchNode(Path dataDir, String registry, String cgroupParent, int parallelStarts) {
    this(dataDir, registry, cgroupParent, parallelStarts, null);
  }

  /**
   * A node whose driver also offers bridge networking on {@code network} (the CNI plugins), as
   * {@code aino up} opens it with {@code --network-bridge} and {@code --network-cidr}; null for
   * host networking only.
   */
  BenchNode(
      Path dataDir,
      String registry,
      String cgroupParent,
      int parallelStarts,
      BridgeNetworkConfig network) {
    this.dataDir = dataDir;
    this.cgroupParent = cgroupParent;
    Clock clock = Clock.systemUTC();
    store = new InMemoryStateStore(StoreOptions.defaults());
    watch = store.watch(ObjectKind.INSTANCES, 0, times);
    images =
        new DefaultImageService(
            dataDir.resolve("images"), RegistryConfig.defaults().withInsecure(registry));
    runtime =
        OciRuntime.open(
            OciRuntimeConfig.defaults(dataDir).withBinary("runc").withCgroupParent(cgroupParent),
            images,
            network);
    Scheduler scheduler = new Scheduler(SchedulerConfig.defaults());
    controller =
        new Controller(store, scheduler, ControllerConfig.defaults(), clock, LeaderGate.ALWAYS);
    controller.start();
    // `sleep` as PID 1 ignores SIGTERM, so a stop waits out the grace period: keep it short, the
    // stops are not what is measured. Nor is the deliberate delay before a restart: 1 ms.
    AgentConfig config =
        AgentConfig.builder(Resources.of(64_000, 65_536))
            .stopGrace(Duration.ofMillis(100))
            .backoffInitial(Duration.ofMillis(1))
            .backoffMax(Duration.ofMillis(1))
            .parallelStarts(parallelStarts)
            .build();
    agent = new NodeAgent(NODE, store, runtime, config, clock);
    agent.start();
    api = new CoreOrchestratorService(store, scheduler, clock);
  }

  /** Waits until {@code workload} and its instances are gone and no container is left. */
  void awaitGone(String workload, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (store.workload(workload).isPresent()
        || !store.instancesOf(workload).isEmpty()
        || !runtime.list().isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "workload "
                + workload
                + " was not cleaned up within "
                + timeout.toSeconds()
                + " s: instances "
                + store.instancesOf(workload).stream().map(Instance::phase).toList()
                + ", containers "
                + runtime.list());
      }
      Thread.sleep(5);
    }
  }

  @Override
  public void close() throws IOException {
    agent.close();
    for (ContainerHandle handle : runtime.list()) {
      runtime.destroy(handle);
    }
    runtime.cgroupDirectories(new ContainerHandle("runc", "gone-00000000", "gone")).stream()
        .map(Path::getParent)
        .filter(Files::isDirectory)
        .forEach(
            parent -> {
              removeEmptyDir(parent.resolve(BARE_CGROUPS)); // the baseline's, if it ran
              removeEmptyDir(parent);
            });
    runtime.close();
    controller.close();
    watch.close();
    store.close();
    FileTrees.delete(dataDir);
  }

  /** The cgroup parent, removed like {@code rmdir}: refused while a container's cgroup is in it. */
  private static void removeEmptyDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.delete(dir);
    } catch (IOException e) {
      System.err.println("could not remove cgroup " + dir + ": " + e);
    }
  }

  String cgroupParent() {
    return cgroupParent;
  }
}
