package dev.aino.api;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Node;
import dev.aino.model.PortBinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus HTTP service discovery ({@code http_sd_configs}): one target group per running
 * instance whose workload declares a port named {@value #METRICS_PORT}, at its node's host and the
 * host port that forwards to it, so a Prometheus outside the node reaches it too.
 */
public final class PrometheusTargets {
  /** The port name that marks what Prometheus should scrape. */
  public static final String METRICS_PORT = "metrics";

  /**
   * One target group in Prometheus' HTTP SD format.
   *
   * @param targets {@code host:port}
   * @param labels {@code __meta_aino_*} labels for relabelling
   */
  public record Group(List<String> targets, Map<String, String> labels) {}

  private PrometheusTargets() {}

  /** The groups for {@code instances} on {@code nodes}, in instance id order. */
  public static List<Group> of(List<Instance> instances, List<Node> nodes) {
    Map<String, String> hostByNode = new LinkedHashMap<>();
    for (Node n : nodes) {
      hostByNode.put(n.name(), host(n.address()));
    }
    List<Group> groups = new ArrayList<>();
    instances.stream()
        .filter(i -> i.phase() == InstancePhase.RUNNING && i.node() != null)
        .sorted(Comparator.comparing(Instance::id))
        .forEach(
            i -> {
              for (PortBinding p : i.ports()) {
                if (p.name().equals(METRICS_PORT)) {
                  Map<String, String> labels = new LinkedHashMap<>();
                  labels.put("__meta_aino_workload", i.workload());
                  labels.put("__meta_aino_instance", i.id());
                  labels.put("__meta_aino_node", i.node());
                  if (i.ip() != null) {
                    labels.put("__meta_aino_instance_ip", i.ip());
                  }
                  String host = hostByNode.getOrDefault(i.node(), "127.0.0.1");
                  groups.add(new Group(List.of(host + ":" + p.hostPort()), labels));
                }
              }
            });
    return groups;
  }

  /** The host part of a node's {@code host:port} address; 127.0.0.1 when it has none. */
  static String host(String address) {
    if (address == null || address.isBlank()) {
      return "127.0.0.1";
    }
    int colon = address.lastIndexOf(':');
    String host = colon > 0 ? address.substring(0, colon) : address;
    return host.isBlank() ? "127.0.0.1" : host;
  }
}
