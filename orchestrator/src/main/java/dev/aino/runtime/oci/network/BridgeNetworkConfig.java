package dev.aino.runtime.oci.network;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a node's bridge network lives.
 *
 * @param bridge the Linux bridge the containers' veths join, created by the bridge plugin (at most
 *     15 characters, an interface name)
 * @param subnet this node's IPv4 subnet in CIDR form; the bridge takes its first address and the
 *     containers the others
 * @param pluginDirs where the CNI plugin binaries are looked up, in order
 * @param stateDir where host-local keeps its leases (one directory per network name)
 * @param networkName the CNI network name; the leases of one node's containers share it
 */
public record BridgeNetworkConfig(
    String bridge, String subnet, List<Path> pluginDirs, Path stateDir, String networkName) {

  /** Debian's {@code containernetworking-plugins} and the upstream default. */
  public static final List<Path> DEFAULT_PLUGIN_DIRS =
      List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin"));

  /** The bridge {@code aino up} makes unless told otherwise. */
  public static final String DEFAULT_BRIDGE = "aino0";

  /** The plugins a bridge network needs. */
  static final List<String> PLUGINS =
      List.of("bridge", "host-local", "portmap", "firewall", "loopback");

  private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

  public BridgeNetworkConfig {
    Validate.required("bridge", bridge);
    if (!INTERFACE.matcher(bridge).matches()) {
      throw new ValidationException(
          "bridge", "must be an interface name of 1 to 15 letters, digits, '_', '.' or '-'");
    }
    Cidr.parse("subnet", subnet);
    pluginDirs = List.copyOf(Objects.requireNonNull(pluginDirs, "pluginDirs"));
    Validate.required("stateDir", stateDir);
    Validate.dnsLabel("networkName", networkName);
  }

  /** The directory that holds every plugin, or null when none does. */
  public Path pluginDir() {
    for (Path dir : pluginDirs) {
      if (PLUGINS.stream().allMatch(p -> Files.isExecutable(dir.resolve(p)))) {
        return dir;
      }
    }
    return null;
  }
}
