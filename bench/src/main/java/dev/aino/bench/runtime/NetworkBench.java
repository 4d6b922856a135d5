package dev.aino.bench.runtime;

import dev.aino.bench.Args;
import dev.aino.bench.LatencyRecorder;
import dev.aino.bench.Machine;
import dev.aino.files.FileTrees;
import dev.aino.model.ImageReference;
import dev.aino.model.Instance;
import dev.aino.model.NetworkMode;
import dev.aino.model.PortBinding;
import dev.aino.model.PortSpec;
import dev.aino.model.Protocol;
import dev.aino.model.WorkloadSpec;
import dev.aino.runtime.oci.network.BridgeNetwork;
import dev.aino.runtime.oci.network.BridgeNetworkConfig;
import dev.aino.testing.registry.RegistryServer;
import dev.aino.testing.registry.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What bridge networking costs a container start: one container at a time, Scheduled to Running
 * through the real control path with {@code network: BRIDGE} (a network namespace and the CNI
 * chain: loopback, bridge with host-local, portmap, firewall) and with {@code network: HOST},
 * beside bare {@code runc run -d} (see {@link BareRunc}), in alternating rounds of the same run so
 * each sees the same load. The network attach (namespace plus CNI ADD of the chain) and detach
 * (DEL) are also timed alone, through the driver's own {@link BridgeNetwork}. Must run as root with
 * the CNI plugins installed ({@code apt-get install containernetworking-plugins}); the bridge and
 * subnet are its own, and it deletes the bridge when done.
 */
public final class NetworkBench {
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(2);

  private final BenchNode node;
  private final String image;
  private final Path scratch;
  private int workloads;

  private NetworkBench(BenchNode node, String image, Path scratch) {
    this.node = node;
    this.image = image;
    this.scratch = scratch;
  }

  public static void main(String[] argv) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.log.dev.aino.reconcile.WorkloadReconciler", "warn");
    Args args = new Args(argv, List.of("starts", "warmup"));
    int starts = args.integer("starts", 50);
    int warmup = args.integer("warmup", 10);
    RuntimeBench.requireRoot("network");
    long pid = ProcessHandle.current().pid();
    Path dir = Files.createTempDirectory("aino-network-bench-");
    BridgeNetworkConfig network =
        new BridgeNetworkConfig(
            "ainob" + pid % 100_000,
            "10.99." + pid % 256 + ".0/24",
            BridgeNetworkConfig.DEFAULT_PLUGIN_DIRS,
            dir.resolve("cni"),
            "aino-bench");
    if (network.pluginDir() == null) {
      System.err.println(
          "network: needs the CNI plugins bridge, host-local, portmap, firewall and loopback in "
              + BridgeNetworkConfig.DEFAULT_PLUGIN_DIRS
              + ": apt-get install containernetworking-plugins");
      System.exit(2);
    }
    String cgroupParent = "/aino-bench-" + pid;
    RegistryServer registry = new RegistryServer();
    try {
      registry.start();
      registry.pusher().push("busybox", "1", TestImages.busybox());
      String image = registry.address() + "/busybox:1";
      // One start at a time: what is measured is one start's cost, not the node's throughput.
      try (BenchNode node =
          new BenchNode(dir.resolve("aino"), registry.address(), cgroupParent, 1, network)) {
        System.out.printf(
            "network: %s %s, %s; bridge %s %s, CNI plugins in %s; %d starts per mode, one at a"
                + " time, modes alternating (%d untimed rounds first)%n",
            node.runtime.binary().name(),
            node.runtime.binary().version(),
            Machine.describe(),
            network.bridge(),
            network.subnet(),
            network.pluginDir(),
            starts,
            warmup);
        new NetworkBench(node, image, dir.resolve("scratch")).run(starts, warmup, dir);
      }
    } finally {
      registry.close();
      deleteBridge(network.bridge());
      FileTrees.delete(dir);
    }
  }

  private void run(int starts, int warmup, Path dir) throws Exception {
    Files.createDirectories(scratch);
    // The first start pulls the image; its config.json is the bare baseline's template.
    startOne(NetworkMode.HOST);
    byte[] config = Files.readAllBytes(configOfRunningContainer());
    removeLast();
    List<Path> layers = node.images.prepare(ImageReference.parse("image", image)).layers();
    BareRunc bare =
        new BareRunc(
            node.runtime.binary().path(),
            dir.resolve("bare"),
            config,
            layers,
            node.cgroupParent() + "/" + BenchNode.BARE_CGROUPS);
    BridgeNetwork network = node.runtime.network().orElseThrow();
    LatencyRecorder bridged = new LatencyRecorder();
    LatencyRecorder host = new LatencyRecorder();
    LatencyRecorder runc = new LatencyRecorder();
    LatencyRecorder attach = new LatencyRecorder();
    LatencyRecorder detach = new LatencyRecorder();
    for (int round = 0; round < warmup + starts; round++) {
      boolean timed = round >= warmup;
      // The order turns each round, so no mode always follows another's clean-up.
      for (int step = 0; step < 4; step++) {
        switch ((round + step) % 4) {
          case 0 -> record(timed, bridged, startAndRemove(NetworkMode.BRIDGE));
          case 1 -> record(timed, host, startAndRemove(NetworkMode.HOST));
          case 2 -> {
            BareRunc.Result one = bare.run(1, 1);
            if (timed) {
              runc.addAll(one.runs());
            }
          }
          default -> attachAndDetach(network, round, timed, attach, detach);
        }
      }
    }
    long bareP50 = runc.percentileNanos(50);
    System.out.println(
        "mode                                              |  p50 ms |  p99 ms | p50 / bare runc");
    row("aino, bridge (netns + CNI ADD), Scheduled->Running", bridged, bareP50);
    row("aino, host, Scheduled->Running", host, bareP50);
    row("bare runc run -d", runc, bareP50);
    row("network attach alone (netns + CNI ADD)", attach, bareP50);
    row("network detach alone (CNI DEL + netns)", detach, bareP50);
    long added = bridged.percentileNanos(50) - host.percentileNanos(50);
    System.out.printf(
        "bridge - host at p50: %.1f ms per start = %.2fx a bare runc run -d  [load %s]%n",
        added / 1e6, (double) added / bareP50, Machine.loadAverage());
  }

  private static void record(boolean timed, LatencyRecorder to, long nanos) {
    if (timed) {
      to.record(nanos);
    }
  }

  private static void row(String mode, LatencyRecorder r, long bareP50) {
    System.out.printf(
        "%-50s | %7.1f | %7.1f | %6.2fx%n",
        mode,
        r.percentileNanos(50) / 1e6,
        r.percentileNanos(99) / 1e6,
        (double) r.percentileNanos(50) / bareP50);
  }

  /** One attach with a published port and its detach, each timed, as a start and stop do them. */
  private void attachAndDetach(
      BridgeNetwork network,
      int round,
      boolean timed,
      LatencyRecorder attach,
      LatencyRecorder detach) {
    Path recordFile = scratch.resolve("network-" + round + ".json");
    String containerId = "netbench-" + round + "-0000";
    List<PortBinding> ports = List.of(new PortBinding("http", 8080, 31_000, Protocol.TCP));
    long t0 = System.nanoTime();
    network.attach(recordFile, containerId, ports);
    long t1 = System.nanoTime();
    if (!network.detach(recordFile)) {
      throw new IllegalStateException("the network of " + containerId + " was not all released");
    }
    long t2 = System.nanoTime();
    record(timed, attach, t1 - t0);
    record(timed, detach, t2 - t1);
  }

  /** Applies a one-replica workload and waits until it runs; Scheduled to Running. */
  private long startOne(NetworkMode mode) throws InterruptedException {
    String name = "n" + workloads++;
    WorkloadSpec.Builder spec =
        WorkloadSpec.builder(image)
            .command("sleep", "3600")
            .resources(100, 64)
            .replicas(1)
            .network(mode);
    if (mode == NetworkMode.BRIDGE) {
      spec.ports(new PortSpec("http", 8080, null, Protocol.TCP));
    }
    node.api.apply(name, spec.build());
    StartTimes.Moments m =
        node.times.awaitRunning(name, 1, System.nanoTime() + ROUND_TIMEOUT.toNanos()).get(0);
    return m.running - m.scheduled;
  }

  /** {@link #startOne}, then removes the workload (not timed). */
  private long startAndRemove(NetworkMode mode) throws InterruptedException {
    long nanos = startOne(mode);
    removeLast();
    return nanos;
  }

  private void removeLast() throws InterruptedException {
    String name = "n" + (workloads - 1);
    node.api.delete(name);
    node.awaitGone(name, ROUND_TIMEOUT);
  }

  private Path configOfRunningContainer() {
    Instance instance = node.store.instancesOf("n" + (workloads - 1)).get(0);
    return node.dataDir.resolve("bundles").resolve(instance.id()).resolve("config.json");
  }

  private static void deleteBridge(String bridge) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("ip", "link", "delete", bridge)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.waitFor(10, TimeUnit.SECONDS);
  }
}
