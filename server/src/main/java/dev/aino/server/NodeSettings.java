package dev.aino.server;

import dev.aino.agent.AgentConfig;
import dev.aino.image.LocalImages;
import dev.aino.model.Resources;
import dev.aino.model.Validate;
import java.lang.management.ManagementFactory;
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
 */
public record NodeSettings(
    String name,
    Map<String, String> labels,
    RuntimeKind runtime,
    Resources capacity,
    List<String> insecureRegistries,
    String advertiseAddress,
    int parallelStarts,
    LocalImages localImages) {

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
  }

  /** These settings advertising {@code address} ({@code HOST:PORT}; null or empty: the default). */
  public NodeSettings withAdvertiseAddress(String address) {
    return new NodeSettings(
        name, labels, runtime, capacity, insecureRegistries, address, parallelStarts, localImages);
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
        LocalImages.of(allowedLocalImages));
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
