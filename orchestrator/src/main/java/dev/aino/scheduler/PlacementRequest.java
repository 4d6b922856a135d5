package dev.aino.scheduler;

import dev.aino.error.ValidationException;
import dev.aino.model.Instance;
import dev.aino.model.NetworkMode;
import dev.aino.model.Placement;
import dev.aino.model.PortSpec;
import dev.aino.model.Resources;
import dev.aino.model.Validate;
import dev.aino.model.WorkloadSpec;
import java.util.List;

/**
 * One instance that needs a node.
 *
 * @param instanceId the instance's id, {@code <workload>-<suffix>}
 * @param workload the owning workload; replicas of one workload repel each other (anti-affinity)
 * @param resources what the instance requests; counted against the chosen node
 * @param placement node selector and ranking strategy
 * @param network the network mode the workload names, null to take the node's default
 * @param ports the ports to publish on the chosen node
 */
public record PlacementRequest(
    String instanceId,
    String workload,
    Resources resources,
    Placement placement,
    NetworkMode network,
    List<PortSpec> ports) {

  public PlacementRequest {
    Validate.dnsLabel("workload", workload);
    Validate.dnsLabel("instanceId", instanceId);
    if (!Instance.workloadOf(instanceId).equals(workload)) {
      throw new ValidationException(
          "instanceId",
          "must start with the workload name \"" + workload + "-\", got \"" + instanceId + "\"");
    }
    Validate.required("resources", resources);
    placement = placement == null ? Placement.DEFAULT : placement;
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  /** A request with no ports, whatever network the node gives it. */
  public PlacementRequest(
      String instanceId, String workload, Resources resources, Placement placement) {
    this(instanceId, workload, resources, placement, null, List.of());
  }

  /**
   * The request for a pending instance: its own recorded resources (what its node will be charged)
   * and the placement of the workload spec it belongs to.
   */
  public static PlacementRequest of(Instance instance, WorkloadSpec spec) {
    Validate.required("instance", instance);
    Validate.required("spec", spec);
    return new PlacementRequest(
        instance.id(),
        instance.workload(),
        instance.resources(),
        spec.placement(),
        spec.network(),
        spec.ports());
  }
}
