package dev.aino.api;

import dev.aino.error.UnavailableException;
import dev.aino.model.Instance;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import java.time.Instant;

/**
 * Where {@link OrchestratorService} reads containers' output: the node agent's runtime for
 * instances on the local node, the owning node's server for others. The facade has already checked
 * that the instance exists and has a container; a source reports anything else (node unreachable,
 * container gone) as an {@link dev.aino.error.AinoException} naming the instance and node.
 */
public interface InstanceLogSource {
  /**
   * The lines selected by {@code query} of the instance's current container, or, while the instance
   * waits to restart and has none, of the container that ended last.
   */
  InstanceLogs read(Instance instance, LogQuery query);

  /**
   * Delivers the container's lines at or after {@code since} (null: from its start), then every new
   * line, until the container ends or the subscription is closed.
   */
  LogSubscription follow(Instance instance, Instant since, InstanceLogListener listener);

  /** A source for a facade without node agents (benchmarks, a store-only service): never reads. */
  static InstanceLogSource unavailable() {
    return new InstanceLogSource() {
      @Override
      public InstanceLogs read(Instance instance, LogQuery query) {
        throw failure(instance);
      }

      @Override
      public LogSubscription follow(
          Instance instance, Instant since, InstanceLogListener listener) {
        throw failure(instance);
      }

      private UnavailableException failure(Instance instance) {
        return new UnavailableException(
            "cannot read the logs of instance \""
                + instance.id()
                + "\": this aino service runs no node agent and reaches no node",
            null);
      }
    };
  }
}
