package dev.aino.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.model.Resources;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  private final AgentConfig.Builder defaults = AgentConfig.builder(Resources.of(2000, 4096));

  @Test
  void defaultsFollowTheDesign() {
    AgentConfig config = defaults.build();

    assertThat(config.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.backoffMax()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.backoffResetAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.address()).isEmpty();
    assertThat(config.parallelStarts())
        .isEqualTo(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void aMaximumBelowTheInitialBackOffIsRefused() {
    assertThatThrownBy(() -> defaults.backoffMax(Duration.ofMillis(10)).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("backoffMax: must be >= backoffInitial");
  }

  @Test
  void parallelStartsMustBeBetweenOneAnd256() {
    assertThatThrownBy(() -> defaults.parallelStarts(0).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("parallelStarts: ");
    assertThatThrownBy(() -> defaults.parallelStarts(257).build())
        .hasMessageStartingWith("parallelStarts: ");
    assertThat(defaults.parallelStarts(1).build().parallelStarts()).isEqualTo(1);
  }

  @Test
  void intervalsMustBePositive() {
    assertThatThrownBy(() -> defaults.pollInterval(Duration.ZERO).build())
        .hasMessage("pollInterval: must be > 0, got PT0S");
  }

  @Test
  void capacityAndLabelsAreValidated() {
    assertThatThrownBy(() -> AgentConfig.builder(Resources.ZERO).build())
        .hasMessage("capacity.cpuMillis: must be > 0, got 0");
    assertThatThrownBy(() -> defaults.labels(Map.of("bad key!", "x")).build())
        .hasMessageStartingWith("labels.bad key!:");
  }

  @Test
  void durationsReadShortly() {
    assertThat(Durations.format(Duration.ofMillis(20))).isEqualTo("20ms");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(Durations.format(Duration.ofSeconds(8))).isEqualTo("8s");
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofSeconds(3725))).isEqualTo("1h2m5s");
  }
}
