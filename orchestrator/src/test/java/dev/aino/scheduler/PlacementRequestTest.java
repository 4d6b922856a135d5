package dev.aino.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.model.Instance;
import dev.aino.model.Placement;
import dev.aino.model.PlacementStrategy;
import dev.aino.model.Resources;
import dev.aino.model.WorkloadSpec;
import dev.aino.testing.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementRequestTest {
  @Test
  void ofTakesTheInstanceResourcesAndTheSpecPlacement() {
    Instance instance = Fixtures.instance("web", "abc");
    Placement spread = new Placement(Map.of("zone", "a"), PlacementStrategy.SPREAD);
    WorkloadSpec spec = Fixtures.spec(3).toBuilder().resources(999, 999).placement(spread).build();

    PlacementRequest request = PlacementRequest.of(instance, spec);

    assertThat(request)
        .isEqualTo(new PlacementRequest("web-abc", "web", instance.resources(), spread));
  }

  @Test
  void defaultsThePlacement() {
    assertThat(new PlacementRequest("web-1", "web", Resources.of(1, 1), null).placement())
        .isEqualTo(Placement.DEFAULT);
  }

  @Test
  void refusesAnIdOfAnotherWorkload() {
    assertThatThrownBy(() -> new PlacementRequest("db-1", "web", Resources.of(1, 1), null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("instanceId: must start with the workload name \"web-\", got \"db-1\"");
  }

  @Test
  void refusesMissingFields() {
    assertThatThrownBy(() -> new PlacementRequest("web-1", "web", null, null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("resources: is required");
    assertThatThrownBy(() -> new PlacementRequest("Web-1", "web", Resources.of(1, 1), null))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("instanceId: must be a DNS-1123 label");
  }
}
