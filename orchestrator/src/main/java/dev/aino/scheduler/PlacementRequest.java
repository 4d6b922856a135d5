package dev.aino.scheduler;

import dev.aino.error.ValidationException;
import dev.aino.model.Instance;
import dev.aino.model.Placement;
import dev.aino.model.Resources;
import dev.aino.model.Validate;
import dev.aino.model.WorkloadSpec;

/**
 * One instance that needs a node.
 *
 * @param instanceId the instance's id, {@code <workload>-<suffix>}
 * @param workload the owning workload; replicas of one workload repel each other (anti-affinity)
 * @param resources what the instance requests; counted against the chosen node
 * @param placement node selector and ranking strategy
 */
public record PlacementRequest(
    String instanceId, String workload, Resources resources, Placement placement) {

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
  }

  /**
   * The request for a pending instance: its own recorded resources (what its node will be charged)
   * and the placement of the workload spec it belongs to.
   */
  public static PlacementRequest of(Instance instance, WorkloadSpec spec) {
    Validate.required("instance", instance);
    Validate.required("spec", spec);
    return new PlacementRequest(
        instance.id(), instance.workload(), instance.resources(), spec.placement());
  }
}
