package dev.aino.api;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.NetworkMode;
import dev.aino.model.PortBinding;
import java.util.Comparator;
import java.util.List;

/**
 * Where one running instance of a workload answers: what discovery returns (REST {@code
 * /api/v1/workloads/{name}/endpoints}, MCP {@code list_endpoints}).
 *
 * @param instance the instance's id
 * @param node the node it runs on
 * @param network BRIDGE (it has its own {@code ip}) or HOST (it answers on the node's address)
 * @param ip its address on the node's bridge; null in host mode
 * @param ready whether it passes its health check (or runs and has none)
 * @param ports its ports, each with the node's port that forwards to it
 */
public record Endpoint(
    String instance,
    String node,
    NetworkMode network,
    String ip,
    boolean ready,
    List<PortBinding> ports) {

  public Endpoint {
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** The endpoints of {@code instances}: only those Running, in id order. */
  public static List<Endpoint> of(List<Instance> instances) {
    return instances.stream()
        .filter(i -> i.phase() == InstancePhase.RUNNING && i.node() != null)
        .sorted(Comparator.comparing(Instance::id))
        .map(
            i ->
                new Endpoint(
                    i.id(),
                    i.node(),
                    i.network() == null ? NetworkMode.HOST : i.network(),
                    i.ip(),
                    i.ready(),
                    i.ports()))
        .toList();
  }

  /**
   * The list form of the REST answer.
   *
   * @param items the endpoints, in instance id order
   */
  public record Items(List<Endpoint> items) {}
}
