package dev.aino.server;

import dev.aino.agent.AgentConfig;
import dev.aino.error.ValidationException;
import dev.aino.image.LocalImages;
import dev.aino.model.Resources;
import dev.aino.model.Validate;
import dev.aino.runtime.oci.network.BridgeNetworkConfig;
import dev.aino.runtime.oci.network.Cidr;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The node that {@code aino up} runs in-process: its name, labels, runtime and capacity.
 *
 * @param name DNS-1123 label; defaults to the host name, made a valid label
 * @param labels node labels that workloads' selectors match
 * @param runtime which container runtime runs its instances
 * @param capacity CPU and memory it offers; defaults to the machine's cores and memory
 * @param insecureRegistries {@code HOST:PORT} of registries that may be reached over plain HTTP
 * @param advertiseAddress {@code HOST:PORT} under which the other servers of the cluster reach this
 *     one's HTTP port (to read its instances' logs); empty for {@code 127.0.0.1:<bound port>}
 * @param parallelStarts how many containers the node starts at the same time (see {@link
 *     AgentConfig#parallelStarts})
 * @param localImages the host directories that {@code rootfs:} and {@code oci:} images may name;
 *     none by default
 * @param networkCidr the cluster's container address range; the node takes a /24 of it (the range
 *     itself when it is a /24 or smaller) for its bridge, {@value #DEFAULT_NETWORK_CIDR} by default
 * @param networkBridge the Linux bridge of the node's bridge network, {@code aino0} by default
 */
public record NodeSettings(
    String name,
    Map<String, String> labels,
    RuntimeKind runtime,
    Resources capacity,
    List<String> insecureRegistries,
    String advertiseAddress,
    int parallelStarts,
    LocalImages localImages,
    String networkCidr,
    String networkBridge) {

  /** The cluster's container addresses unless configured: a /16 that gives 256 nodes a /24. */
  public static final String DEFAULT_NETWORK_CIDR = "10.88.0.0/16";

  public NodeSettings {
    Validate.dnsLabel("--node-name", name);
    labels = Validate.labels("--node-label", labels);
    Validate.required("--runtime", runtime);
    Validate.required("capacity", capacity);
    insecureRegistries = Validate.texts("--insecure-registry", insecureRegistries);
    advertiseAddress =
        advertiseAddress == null || advertiseAddress.isEmpty()
            ? ""
            : HostPort.validate("--advertise-address", advertiseAddress);
    Validate.range("--parallel-starts", parallelStarts, 1, 256);
    localImages = localImages == null ? LocalImages.NONE : localImages;
    networkCidr = networkCidr == null ? DEFAULT_NETWORK_CIDR : networkCidr;
    Cidr.parse("--network-cidr", networkCidr);
    networkBridge = networkBridge == null ? BridgeNetworkConfig.DEFAULT_BRIDGE : networkBridge;
    try {
      new BridgeNetworkConfig(networkBridge, "10.0.0.0/24", List.of(), Path.of("."), "aino");
    } catch (ValidationException e) {
      throw new ValidationException("--network-bridge", e.errors().get(0).reason());
    }
  }

  /** The bridge network of this node, its leases kept under {@code dataDir}. */
  public BridgeNetworkConfig bridgeNetwork(Path dataDir) {
    return new BridgeNetworkConfig(
        networkBridge,
        Cidr.parse("--network-cidr", networkCidr).subnetFor(name).toString(),
        BridgeNetworkConfig.DEFAULT_PLUGIN_DIRS,
        dataDir.resolve("cni"),
        "aino");
  }

  /** These settings with the bridge network on {@code cidr} and {@code bridge} (null: defaults). */
  public NodeSettings withNetwork(String cidr, String bridge) {
    return new NodeSettings(
        name,
        labels,
        runtime,
        capacity,
        insecureRegistries,
        advertiseAddress,
        parallelStarts,
        localImages,
        cidr,
        bridge);
  }

  /** These settings advertising {@code address} ({@code HOST:PORT}; null or empty: the default). */
  public NodeSettings withAdvertiseAddress(String address) {
    return new NodeSettings(
        name,
        labels,
        runtime,
        capacity,
        insecureRegistries,
        address,
        parallelStarts,
        localImages,
        networkCidr,
        networkBridge);
  }

  /** The address to advertise once the server listens on {@code boundPort}. */
  public String advertiseAddress(int boundPort) {
    return advertiseAddress.isEmpty() ? "127.0.0.1:" + boundPort : advertiseAddress;
  }

  /**
   * The local machine as a node: host name, all cores, all physical memory.
   *
   * @param parallelStarts null for {@link AgentConfig#defaultParallelStarts()}
   */
  public static NodeSettings local(
      String name,
      Map<String, String> labels,
      RuntimeKind runtime,
      List<String> insecureRegistries,
      Integer parallelStarts,
      List<String> allowedLocalImages) {
    return new NodeSettings(
        name != null ? name : hostLabel(System.getenv("HOSTNAME")),
        labels,
        runtime,
        machine(),
        insecureRegistries,
        "",
        parallelStarts != null ? parallelStarts : AgentConfig.defaultParallelStarts(),
        LocalImages.of(allowedLocalImages),
        null,
        null);
  }

  /** This machine's cores (in millicores) and physical memory (in MiB). */
  static Resources machine() {
    long cpuMillis = Runtime.getRuntime().availableProcessors() * 1000L;
    long memoryMiB = 1024;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memoryMiB = Math.max(1, os.getTotalMemorySize() / (1024 * 1024));
    }
    return Resources.of(cpuMillis, memoryMiB);
  }

  /** A DNS-1123 label made from a host name: lower case, dots and others to '-', 63 at most. */
  static String hostLabel(String hostname) {
    String host = hostname;
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "local";
      }
    }
    String label =
        host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
    if (label.length() > 63) {
      label = label.substring(0, 63).replaceAll("-+$", "");
    }
    return label.isEmpty() ? "local" : label;
  }
}
