package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementAndRuntimeTest {
  private static void refused(Runnable build, String field, String reason) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(reason);
  }

  @Test
  void aSelectorMatchesANodeWithEveryLabelItNames() {
    Placement zoneA = new Placement(Map.of("zone", "a", "disk", "ssd"), null);
    assertThat(zoneA.strategy()).isEqualTo(PlacementStrategy.BINPACK);
    assertThat(zoneA.matches(Map.of("zone", "a", "disk", "ssd", "extra", "x"))).isTrue();
    assertThat(zoneA.matches(Map.of("zone", "a"))).isFalse();
    assertThat(zoneA.matches(Map.of("zone", "b", "disk", "ssd"))).isFalse();
    assertThat(Placement.DEFAULT.matches(Map.of())).isTrue();
    assertThat(new Placement(null, null)).isEqualTo(Placement.DEFAULT);
  }

  @Test
  void aRuntimeOffersBridgeNetworkingOnlyWhenItHasIt() {
    RuntimeInfo bridged = new RuntimeInfo("runc", "1.2", true, true);
    RuntimeInfo hostOnly = new RuntimeInfo("process", null, false);
    assertThat(bridged.offers(NetworkMode.BRIDGE)).isTrue();
    assertThat(bridged.offers(NetworkMode.HOST)).isTrue();
    assertThat(bridged.defaultNetwork()).isEqualTo(NetworkMode.BRIDGE);
    assertThat(hostOnly.offers(NetworkMode.BRIDGE)).isFalse();
    assertThat(hostOnly.offers(NetworkMode.HOST)).isTrue();
    assertThat(hostOnly.defaultNetwork()).isEqualTo(NetworkMode.HOST);
    assertThat(hostOnly.version()).isEmpty();
    assertThat(hostOnly.bridgeNetwork()).isFalse();
    refused(() -> new RuntimeInfo(" ", "1", false), "runtime.name", "must not be blank");
  }

  @Test
  void aPortBindingHasPortsInRangeAndTcpByDefault() {
    PortBinding b = new PortBinding("http", 65535, 1, null);
    assertThat(b.protocol()).isEqualTo(Protocol.TCP);
    assertThat(new PortBinding("dns", 53, 53, Protocol.UDP).protocol()).isEqualTo(Protocol.UDP);
    refused(() -> new PortBinding("http", 0, 80, null), "containerPort", "must be > 0, got 0");
    refused(() -> new PortBinding("http", 80, 65536, null), "hostPort", "must be <= 65535");
    refused(() -> new PortBinding("Http", 80, 80, null), "name", "must be a DNS-1123 label");
  }
}
