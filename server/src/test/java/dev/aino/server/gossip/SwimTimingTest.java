package dev.aino.server.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwimTimingTest {
  @Test
  void ainoUpProbesEvery400msWithA300msTimeoutAndSuspicionTimesThree() {
    assertThat(SwimTiming.AINO_UP)
        .isEqualTo(new SwimTiming(Duration.ofMillis(400), Duration.ofMillis(300), 3));
  }

  @Test
  void aTimeoutAsLongAsTheIntervalIsRefusedNamingBoth() {
    assertThatThrownBy(() -> new SwimTiming(Duration.ofMillis(500), Duration.ofMillis(500), 3))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("pingTimeout")
        .hasMessageContaining("must be shorter than pingInterval (500 ms), got 500 ms");
    assertThat(new SwimTiming(Duration.ofMillis(500), Duration.ofMillis(499), 1).pingTimeout())
        .isEqualTo(Duration.ofMillis(499));
  }

  @Test
  void durationsOutsideOneMillisecondToOneMinuteAreRefused() {
    assertThatThrownBy(() -> new SwimTiming(Duration.ZERO, Duration.ofMillis(1), 3))
        .hasMessageContaining("pingInterval");
    assertThatThrownBy(() -> new SwimTiming(Duration.ofMillis(400), Duration.ZERO, 3))
        .hasMessageContaining("pingTimeout");
    assertThatThrownBy(() -> new SwimTiming(Duration.ofMinutes(2), Duration.ofMillis(300), 3))
        .hasMessageContaining("pingInterval")
        .hasMessageContaining("must be <= 60000");
    assertThatThrownBy(() -> new SwimTiming(null, Duration.ofMillis(300), 3))
        .hasMessageContaining("pingInterval")
        .hasMessageContaining("is required");
  }

  @Test
  void theSuspicionMultiplierIsOneToAHundred() {
    assertThatThrownBy(() -> new SwimTiming(Duration.ofMillis(400), Duration.ofMillis(300), 0))
        .hasMessageContaining("suspicionMult");
    assertThatThrownBy(() -> new SwimTiming(Duration.ofMillis(400), Duration.ofMillis(300), 101))
        .hasMessageContaining("suspicionMult");
    assertThat(new SwimTiming(Duration.ofMillis(400), Duration.ofMillis(300), 100).suspicionMult())
        .isEqualTo(100);
  }
}
