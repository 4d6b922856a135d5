package dev.aino.server.cli;

import dev.aino.server.NodeSettings;
import dev.aino.server.RuntimeKind;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The local node's options, shared by every command that runs a node in its own process ({@code
 * aino up}, {@code aino mcp --embedded}): its runtime, the registries it may reach over plain HTTP,
 * its name and labels, how many containers it starts at once, which host directories may be images.
 */
final class LocalNodeOptions {
  @Option(
      names = "--runtime",
      paramLabel = "RUNTIME",
      defaultValue = "auto",
      description =
          "Container runtime of the local node: auto (youki, runc or crun, whichever is found"
              + " first; needs root), youki, runc, crun, process (plain host processes, no"
              + " isolation), or simulated (no process runs; to try aino without root)."
              + " Default: auto.")
  private String runtime;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST:PORT",
      description =
          "A registry that may be reached over plain HTTP (repeatable). Others must use HTTPS.")
  private List<String> insecureRegistries;

  @Option(
      names = "--node-name",
      paramLabel = "NAME",
      description = "Name of the local node. Default: the host name as a DNS label.")
  private String nodeName;

  @Option(
      names = "--node-label",
      paramLabel = "KEY=VALUE",
      description = "A label of the local node (repeatable), matched by workloads' nodeSelector.")
  private Map<String, String> nodeLabels;

  @Option(
      names = "--parallel-starts",
      paramLabel = "N",
      description =
          "How many containers the local node starts at the same time; more wait their turn (their"
              + " instances Starting). Pulling images does not count. Default: twice the CPUs.")
  private Integer parallelStarts;

  @Option(
      names = "--allow-local-images",
      paramLabel = "DIR",
      description =
          "Allow rootfs:PATH and oci:PATH images whose directory is below DIR (repeatable). Such"
              + " an image is a directory of this host that becomes a container's root file"
              + " system, so they are refused unless allowed here. Default: none.")
  private List<String> allowedLocalImages;

  @Option(
      names = "--network-cidr",
      paramLabel = "CIDR",
      description =
          "The cluster's container addresses (IPv4). The local node's bridge takes a /24 of it,"
              + " chosen by a hash of the node's name, or all of it when it is a /24 or smaller."
              + " Default: "
              + NodeSettings.DEFAULT_NETWORK_CIDR
              + ".")
  private String networkCidr;

  @Option(
      names = "--network-bridge",
      paramLabel = "NAME",
      description = "The Linux bridge that bridged containers join. Default: aino0.")
  private String networkBridge;

  /**
   * The local node these options describe.
   *
   * @throws dev.aino.error.ValidationException naming the option at fault
   */
  NodeSettings settings() {
    return NodeSettings.local(
            nodeName,
            nodeLabels,
            RuntimeKind.parse(runtime),
            insecureRegistries,
            parallelStarts,
            allowedLocalImages)
        .withNetwork(networkCidr, networkBridge);
  }
}
