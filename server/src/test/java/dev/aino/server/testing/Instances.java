package dev.aino.server.testing;

import dev.aino.api.InstanceFilter;
import dev.aino.model.Instance;
import dev.aino.server.AinoServer;
import dev.aino.testing.Await;
import java.util.function.Predicate;

/** Waits on the instances of a workload of a test server. */
public final class Instances {
  private Instances() {}

  /** The first instance of {@code workload} that is {@code wanted}, once there is one. */
  public static Instance await(
      AinoServer server, String workload, String what, Predicate<Instance> wanted) {
    return Await.value(
        workload + " to have an instance " + what,
        () ->
            server.service().instances(InstanceFilter.ofWorkload(workload)).stream()
                .filter(wanted)
                .findFirst()
                .orElse(null));
  }

  /** An instance the scheduler could not place, with its reason set. */
  public static Instance awaitUnschedulable(AinoServer server, String workload) {
    return await(
        server,
        workload,
        "that cannot be placed",
        i -> i.reason() != null && !i.reason().isEmpty());
  }
}
