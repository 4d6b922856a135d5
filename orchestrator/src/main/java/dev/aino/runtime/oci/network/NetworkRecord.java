package dev.aino.runtime.oci.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.model.PortBinding;
import java.util.List;

/**
 * What an attachment did, kept in the container's bundle as {@code network.json}: written with an
 * empty result before the first plugin runs (so that a crash half-way still gets its DEL), and
 * again with the chain's result once ADD is through.
 *
 * @param containerId the CNI container id (the OCI container's id)
 * @param netns the network namespace's name under {@code /run/netns}
 * @param ports the published ports, which portmap's DEL needs again
 * @param result the chain's ADD result, null until ADD completed
 */
record NetworkRecord(String containerId, String netns, List<PortBinding> ports, JsonNode result) {
  NetworkRecord {
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** The container's IPv4 address from the result, without its prefix length; null before ADD. */
  String ip() {
    if (result == null) {
      return null;
    }
    for (JsonNode ip : result.path("ips")) {
      String address = ip.path("address").asText("");
      int slash = address.indexOf('/');
      if (slash > 0 && address.indexOf(':') < 0) {
        return address.substring(0, slash);
      }
    }
    return null;
  }
}
