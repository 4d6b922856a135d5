package dev.aino.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1));

  @Test
  void doublesFromInitialUpToMax() {
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(10));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(20));
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(40));
    assertThat(backoff.delay(7)).isEqualTo(Duration.ofMillis(640));
    assertThat(backoff.delay(8)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(9)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void neverOverflowsWhateverTheAttempt() {
    Backoff huge = new Backoff(Duration.ofNanos(3), Duration.ofDays(365 * 200));
    assertThat(huge.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(365 * 200));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> backoff.delay(0)).hasMessageContaining("attempt");
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("initial must be positive");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("shorter than initial");
  }
}
