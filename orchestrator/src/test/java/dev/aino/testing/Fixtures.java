package dev.aino.testing;

import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.Resources;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.store.FencingToken;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** Small valid objects for tests. */
public final class Fixtures {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Fixtures() {}

  public static WorkloadSpec spec(int replicas) {
    return WorkloadSpec.builder("127.0.0.1:5000/busybox:1.36")
        .command("sleep", "3600")
        .resources(250, 128)
        .replicas(replicas)
        .build();
  }

  public static Workload workload(String name) {
    return Workload.create(name, spec(1), T0);
  }

  public static Node node(String name) {
    return Node.of(name, Resources.of(4000, 8192));
  }

  public static Instance instance(String workload, String suffix) {
    return Instance.pending(Workload.create(workload, spec(1), T0), suffix, T0);
  }

  /**
   * A fencing token of the election key {@code key} whose term is what {@code term} says at each
   * write: a fixed term, none, or one the test moves.
   */
  public static FencingToken fencingToken(String key, Supplier<OptionalLong> term) {
    return new FencingToken() {
      @Override
      public String key() {
        return key;
      }

      @Override
      public OptionalLong term() {
        return term.get();
      }
    };
  }
}
