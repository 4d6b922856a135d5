package dev.aino.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogSinceTest {
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

  @Test
  void readsAgesBackFromNow() {
    assertThat(LogSince.parse("since", "90s", NOW)).isEqualTo(NOW.minusSeconds(90));
    assertThat(LogSince.parse("since", "10m", NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
    assertThat(LogSince.parse("since", "2h", NOW)).isEqualTo(NOW.minus(Duration.ofHours(2)));
    assertThat(LogSince.parse("since", " 1d ", NOW)).isEqualTo(NOW.minus(Duration.ofDays(1)));
  }

  @Test
  void readsRfc3339TimesWithAnyOffset() {
    assertThat(LogSince.parse("since", "2026-05-01T10:00:00Z", NOW))
        .isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
    assertThat(LogSince.parse("since", "2026-05-01T12:00:00.5+02:00", NOW))
        .isEqualTo(Instant.parse("2026-05-01T10:00:00.5Z"));
  }

  @Test
  void blankIsNoLimitAndAnythingElseNamesTheField() {
    assertThat(LogSince.parse("since", null, NOW)).isNull();
    assertThat(LogSince.parse("since", " ", NOW)).isNull();
    assertThatThrownBy(() -> LogSince.parse("--since", "10 minutes", NOW))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("--since"))
        .hasMessageContaining("RFC 3339")
        .hasMessageContaining("10 minutes");
  }
}
