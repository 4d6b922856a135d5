package dev.aino.api;

import dev.aino.model.InstancePhase;
import dev.aino.model.Validate;

/**
 * Narrows an instance list; null fields match everything.
 *
 * @param workload only this workload's instances
 * @param node only instances placed on this node
 * @param phase only instances in this phase
 */
public record InstanceFilter(String workload, String node, InstancePhase phase) {
  public static final InstanceFilter ALL = new InstanceFilter(null, null, null);

  public InstanceFilter {
    if (workload != null) {
      Validate.dnsLabel("workload", workload);
    }
    if (node != null) {
      Validate.dnsLabel("node", node);
    }
  }

  public static InstanceFilter ofWorkload(String workload) {
    return new InstanceFilter(workload, null, null);
  }
}
