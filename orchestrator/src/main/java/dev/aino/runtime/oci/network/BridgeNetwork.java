package dev.aino.runtime.oci.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.error.RuntimeFailureException;
import dev.aino.json.Json;
import dev.aino.model.PortBinding;
import dev.aino.runtime.host.HostCommand;
import dev.aino.runtime.host.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's bridge network: gives a container a network namespace with an address on the node's
 * bridge and its ports published on the node, and takes all of it back. See the package
 * documentation for how the CNI plugins are run.
 */
public final class BridgeNetwork {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeNetwork.class);
  private static final String CNI_VERSION = "1.0.0";
  private static final Path NETNS_DIR = Path.of("/run/netns");

  private final BridgeNetworkConfig config;
  private final CniPlugins plugins;
  private final HostCommand commands;
  private final Path ip;
  private final Duration timeout;

  /**
   * Where a container was attached.
   *
   * @param ip its IPv4 address on the bridge
   * @param netns the path of its network namespace, for the OCI config's network namespace
   */
  public record Attachment(String ip, Path netns) {}

  private BridgeNetwork(
      BridgeNetworkConfig config, Path pluginDir, Path ip, HostCommand commands, Duration timeout) {
    this.config = config;
    this.plugins = new CniPlugins(pluginDir, timeout);
    this.commands = commands;
    this.ip = ip;
    this.timeout = timeout;
  }

  /**
   * The bridge network of {@code config}, or empty (with the reason logged) when this host lacks a
   * CNI plugin or the {@code ip} command; the node then offers host networking only.
   */
  public static Optional<BridgeNetwork> open(
      BridgeNetworkConfig config, HostCommand commands, Duration timeout) {
    Path pluginDir = config.pluginDir();
    if (pluginDir == null) {
      LOG.warn(
          "no bridge networking: the CNI plugins {} are not all in {} (apt-get install"
              + " containernetworking-plugins); containers use the host's network",
          BridgeNetworkConfig.PLUGINS,
          config.pluginDirs());
      return Optional.empty();
    }
    Path ip =
        List.of(
                Path.of("/usr/sbin/ip"),
                Path.of("/sbin/ip"),
                Path.of("/usr/bin/ip"),
                Path.of("/bin/ip"))
            .stream()
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    if (ip == null) {
      LOG.warn("no bridge networking: the ip command (iproute2) is missing");
      return Optional.empty();
    }
    LOG.info(
        "bridge networking on {} with subnet {} (CNI plugins in {})",
        config.bridge(),
        config.subnet(),
        pluginDir);
    return Optional.of(new BridgeNetwork(config, pluginDir, ip, commands, timeout));
  }

  public BridgeNetworkConfig config() {
    return config;
  }

  /**
   * Makes the container's network namespace and runs ADD of the chain in it. Writes {@code
   * recordFile} first, so that {@link #detach} releases whatever part was done if this fails or the
   * agent dies half-way; on failure it detaches before it throws.
   *
   * @throws RuntimeFailureException naming the plugin and its message
   */
  public Attachment attach(Path recordFile, String containerId, List<PortBinding> ports) {
    String netns = "aino-" + containerId;
    NetworkRecord record = new NetworkRecord(containerId, netns, ports, null);
    try {
      JsonFiles.write(recordFile, record);
      HostCommand.Result made =
          commands.run(
              "making the network namespace of " + containerId,
              List.of(ip.toString(), "netns", "add", netns),
              timeout);
      if (!made.succeeded()) {
        throw new RuntimeFailureException(
            "making the network namespace of " + containerId + ": " + made.diagnostic());
      }
      Path path = NETNS_DIR.resolve(netns);
      plugins.run(CniPlugins.Command.ADD, loopback(), containerId, path, "lo");
      JsonNode result = null;
      for (ObjectNode plugin : chain(ports)) {
        if (result != null) {
          plugin.set("prevResult", result);
        }
        JsonNode out =
            plugins.run(CniPlugins.Command.ADD, plugin, containerId, path, CniPlugins.IFNAME);
        result = out != null ? out : result;
      }
      record = new NetworkRecord(containerId, netns, ports, result);
      JsonFiles.write(recordFile, record);
      String address = record.ip();
      if (address == null) {
        throw new RuntimeFailureException(
            "attaching "
                + containerId
                + " to "
                + config.bridge()
                + ": the bridge plugin gave no IPv4 address");
      }
      return new Attachment(address, path);
    } catch (RuntimeException e) {
      detach(recordFile);
      if (e instanceof RuntimeFailureException rfe) {
        throw rfe;
      }
      throw new RuntimeFailureException(
          "attaching " + containerId + " to " + config.bridge() + ": " + e, e);
    }
  }

  /**
   * Runs DEL of the chain in reverse and of loopback, deletes the namespace and the record. Does
   * nothing when there is no record. DEL is idempotent by the specification, so a record of a
   * half-done ADD is released the same way; a failure is logged, the rest still released.
   *
   * @return true when everything was released
   */
  public boolean detach(Path recordFile) {
    Optional<NetworkRecord> read;
    try {
      read = JsonFiles.read(recordFile, NetworkRecord.class);
    } catch (RuntimeException e) {
      LOG.warn("cannot read {} to release its network: {}", recordFile, e.toString());
      return false;
    }
    if (read.isEmpty()) {
      return true;
    }
    NetworkRecord record = read.get();
    Path path = NETNS_DIR.resolve(record.netns());
    boolean clean = true;
    List<ObjectNode> chain = chain(record.ports());
    for (int i = chain.size() - 1; i >= 0; i--) {
      ObjectNode plugin = chain.get(i);
      if (record.result() != null) {
        plugin.set("prevResult", record.result());
      }
      clean &=
          quietly(CniPlugins.Command.DEL, plugin, record.containerId(), path, CniPlugins.IFNAME);
    }
    if (Files.exists(path)) {
      clean &= quietly(CniPlugins.Command.DEL, loopback(), record.containerId(), path, "lo");
      HostCommand.Result deleted =
          commands.run(
              "deleting the network namespace of " + record.containerId(),
              List.of(ip.toString(), "netns", "delete", record.netns()),
              timeout);
      if (!deleted.succeeded()) {
        LOG.warn("cannot delete network namespace {}: {}", record.netns(), deleted.diagnostic());
        clean = false;
      }
    }
    try {
      if (clean) {
        Files.deleteIfExists(recordFile);
      }
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", recordFile, e.toString());
    }
    return clean;
  }

  /**
   * Runs CHECK of the chain (but portmap, see below) for a container found running after an agent
   * restart.
   *
   * @return why its network is not as ADD left it, or empty when it is
   */
  public Optional<String> check(Path recordFile) {
    Optional<NetworkRecord> read = JsonFiles.read(recordFile, NetworkRecord.class);
    if (read.isEmpty() || read.get().result() == null) {
      return Optional.of("its network was never completely attached");
    }
    NetworkRecord record = read.get();
    Path path = NETNS_DIR.resolve(record.netns());
    if (!Files.exists(path)) {
      return Optional.of("its network namespace " + path + " is gone");
    }
    try {
      for (ObjectNode plugin : chain(record.ports())) {
        if ("portmap".equals(plugin.path("type").asText())) {
          // portmap's CHECK also demands the IPv6 rules that its ADD never makes for an IPv4-only
          // container (containernetworking/plugins#819), so it would fail every healthy one.
          continue;
        }
        plugin.set("prevResult", record.result());
        plugins.run(
            CniPlugins.Command.CHECK, plugin, record.containerId(), path, CniPlugins.IFNAME);
      }
      return Optional.empty();
    } catch (RuntimeFailureException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The address ADD gave, if it completed. */
  public Optional<String> ipOf(Path recordFile) {
    return JsonFiles.read(recordFile, NetworkRecord.class).map(NetworkRecord::ip);
  }

  private boolean quietly(
      CniPlugins.Command command, ObjectNode plugin, String id, Path netns, String ifname) {
    try {
      plugins.run(command, plugin, id, netns, ifname);
      return true;
    } catch (RuntimeFailureException e) {
      LOG.warn("{}", e.getMessage());
      return false;
    }
  }

  private ObjectNode base(String type) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("cniVersion", CNI_VERSION);
    node.put("name", config.networkName());
    node.put("type", type);
    return node;
  }

  private ObjectNode loopback() {
    return base("loopback");
  }

  /** bridge (host-local), portmap when there are ports, firewall: in ADD order. */
  private List<ObjectNode> chain(List<PortBinding> ports) {
    List<ObjectNode> chain = new ArrayList<>();
    ObjectNode bridge = base("bridge");
    bridge.put("bridge", config.bridge());
    bridge.put("isGateway", true);
    bridge.put("ipMasq", true);
    bridge.put("hairpinMode", true);
    ObjectNode ipam = bridge.putObject("ipam");
    ipam.put("type", "host-local");
    ipam.putArray("ranges").addArray().addObject().put("subnet", config.subnet());
    ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
    ipam.put("dataDir", config.stateDir().toString());
    chain.add(bridge);
    if (!ports.isEmpty()) {
      ObjectNode portmap = base("portmap");
      portmap.putObject("capabilities").put("portMappings", true);
      portmap.put("snat", true);
      ArrayNode mappings = portmap.putObject("runtimeConfig").putArray("portMappings");
      for (PortBinding p : ports) {
        mappings
            .addObject()
            .put("hostPort", p.hostPort())
            .put("containerPort", p.containerPort())
            .put("protocol", p.protocol().name().toLowerCase(Locale.ROOT));
      }
      chain.add(portmap);
    }
    ObjectNode firewall = base("firewall");
    firewall.put("backend", "iptables");
    chain.add(firewall);
    return chain;
  }
}
