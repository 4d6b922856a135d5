package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "90s, PT1M30S",
    "10m, PT10M",
    "2h, PT2H",
    "1d, PT24H",
    "' 3s ', PT3S"
  })
  void readsEachUnit(String text, Duration expected) {
    assertThat(Durations.tryParse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "s", "1.5s", "-1s", "5 s", "5S", "1w", "1234567890s"})
  void anythingElseIsNotADuration(String text) {
    assertThat(Durations.tryParse(text)).isNull();
  }

  @Test
  void nullIsNotADuration() {
    assertThat(Durations.tryParse(null)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"PT0S, 0s", "PT0.25S, 250ms", "PT1.5S, 1500ms", "PT45S, 45s", "PT90S, 90s"})
  void printsSecondsAndMillisecondsInTheShortestForm(Duration d, String text) {
    assertThat(Durations.text(d)).isEqualTo(text);
    assertThat(Durations.tryParse(text)).isEqualTo(d);
  }

  @ParameterizedTest
  @CsvSource({"PT2M, 2m", "PT90M, 90m", "PT3H, 3h", "PT36H, 36h", "PT48H, 2d"})
  void printsWholeMinutesHoursAndDaysInTheLargestUnit(Duration d, String text) {
    assertThat(Durations.text(d)).isEqualTo(text);
    assertThat(Durations.tryParse(text)).isEqualTo(d);
  }

  @Test
  void theBoundsAreIncluded() {
    Duration min = Duration.ofSeconds(1);
    Duration max = Duration.ofHours(1);
    assertThat(Durations.parse("ttl", "1s", min, max)).isEqualTo(min);
    assertThat(Durations.parse("ttl", "60m", min, max)).isEqualTo(max);
    assertThatThrownBy(() -> Durations.parse("ttl", "999ms", min, max))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("ttl"))
        .hasMessageContaining("must be between 1s and 1h, got 999ms");
    assertThatThrownBy(() -> Durations.parse("ttl", " 61m ", min, max))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must be between 1s and 1h, got 61m");
  }

  @Test
  void aMalformedDurationIsNamed() {
    assertThatThrownBy(() -> Durations.parse("ttl", "soon", Duration.ZERO, Duration.ofDays(1)))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("ttl"))
        .hasMessageContaining("must be a duration such as 500ms, 90s, 30m, 2h or 1d, got \"soon\"");
  }
}
