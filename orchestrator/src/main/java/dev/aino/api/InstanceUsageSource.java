package dev.aino.api;

import dev.aino.error.UnavailableException;
import dev.aino.model.Instance;

/**
 * Where {@link OrchestratorService} and the autoscaler read how much CPU and memory an instance
 * uses: the node agent's samples for instances on the local node, the owning node's server for
 * others (as {@link InstanceLogSource} does for logs). A source reports an instance it cannot
 * measure (no container, node unreachable) as an {@link dev.aino.error.AinoException} naming the
 * instance and the reason.
 */
@FunctionalInterface
public interface InstanceUsageSource {
  /** The instance's recent usage, averaged over its node's usage window. */
  InstanceUsage usage(Instance instance);

  /** A source for a facade without node agents (benchmarks, a store-only service): never reads. */
  static InstanceUsageSource unavailable() {
    return instance -> {
      throw new UnavailableException(
          "cannot read the usage of instance \""
              + instance.id()
              + "\": this aino service runs no node agent and reaches no node",
          null);
    };
  }
}
