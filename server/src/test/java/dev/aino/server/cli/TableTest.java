package dev.aino.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Columns and the short units tables show. */
class TableTest {
  @Test
  void alignsColumnsAndLeavesTheLastUnpadded() {
    StringWriter out = new StringWriter();
    new Table("NAME", "READY", "MESSAGE")
        .row("web", "3/3", "all ready")
        .row("a-longer-name", null, "")
        .print(new PrintWriter(out, true));

    assertThat(out.toString().lines())
        .containsExactly(
            "NAME            READY   MESSAGE",
            "web             3/3     all ready",
            "a-longer-name   -       -");
  }

  @Test
  void agesAreShortAndNeverNegative() {
    Instant now = Instant.parse("2026-01-10T12:00:00Z");

    assertThat(Units.age(now.minusSeconds(42), now)).isEqualTo("42s");
    assertThat(Units.age(now.minus(Duration.ofMinutes(5)), now)).isEqualTo("5m");
    assertThat(Units.age(now.minus(Duration.ofHours(3)), now)).isEqualTo("3h");
    assertThat(Units.age(now.minus(Duration.ofDays(4)), now)).isEqualTo("4d");
    assertThat(Units.age(now.plusSeconds(3), now)).isEqualTo("0s");
    assertThat(Units.age(null, now)).isEqualTo("-");
  }

  @Test
  void quantitiesUseWholeUnitsWhenTheyCan() {
    assertThat(Units.cpu(250)).isEqualTo("250m");
    assertThat(Units.cpu(2000)).isEqualTo("2");
    assertThat(Units.memory(512)).isEqualTo("512Mi");
    assertThat(Units.memory(16384)).isEqualTo("16Gi");
    assertThat(Units.memory(1500)).isEqualTo("1500Mi");
  }
}
