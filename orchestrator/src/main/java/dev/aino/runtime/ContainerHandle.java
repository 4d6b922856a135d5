package dev.aino.runtime;

import dev.aino.model.Validate;

/**
 * Names one container of one runtime. Small and immutable, so the agent can keep one per instance;
 * the runtime keeps whatever else it needs (bundle path, pid) in its own state, found by id.
 *
 * @param runtime the runtime's name, as in its fingerprint
 * @param containerId the id the runtime chose, unique on the node
 * @param instanceId the instance the container runs
 */
public record ContainerHandle(String runtime, String containerId, String instanceId) {
  public ContainerHandle {
    Validate.nonBlank("runtime", runtime);
    Validate.nonBlank("containerId", containerId);
    Validate.dnsLabel("instanceId", instanceId);
  }

  @Override
  public String toString() {
    return "container " + containerId + " of instance " + instanceId;
  }
}
