package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.model.HealthCheck.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
  private static void refused(Runnable build, String field, String reason) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(reason);
  }

  @Test
  void unsetTimingsTakeTheirDefaults() {
    HealthCheck check = HealthCheck.tcp(5432);
    assertThat(check.intervalSeconds()).isEqualTo(10);
    assertThat(check.timeoutSeconds()).isEqualTo(5);
    assertThat(check.failureThreshold()).isEqualTo(3);
    assertThat(check.initialDelaySeconds()).isZero();
    assertThat(check.port()).isEqualTo(5432);
  }

  @Test
  void theDefaultTimeoutIsNoLongerThanTheInterval() {
    assertThat(new HealthCheck(Type.TCP, null, null, 80, 2, 0, 0, 0).timeoutSeconds()).isEqualTo(2);
    assertThat(new HealthCheck(Type.TCP, null, null, 80, 7, 0, 0, 0).timeoutSeconds()).isEqualTo(5);
  }

  @Test
  void givenTimingsAreKeptAtTheirLimits() {
    HealthCheck low = new HealthCheck(Type.TCP, null, null, 1, 1, 1, 1, 0);
    assertThat(List.of(low.intervalSeconds(), low.timeoutSeconds(), low.failureThreshold()))
        .containsExactly(1, 1, 1);
    HealthCheck high = new HealthCheck(Type.TCP, null, null, 65535, 3600, 3600, 100, 3600);
    assertThat(
            List.of(
                high.intervalSeconds(),
                high.timeoutSeconds(),
                high.failureThreshold(),
                high.initialDelaySeconds()))
        .containsExactly(3600, 3600, 100, 3600);
  }

  @Test
  void timingsPastTheirLimitsAreNamed() {
    refused(
        () -> new HealthCheck(Type.TCP, null, null, 80, 3601, 0, 0, 0),
        "intervalSeconds",
        "must be <= 3600, got 3601");
    refused(
        () -> new HealthCheck(Type.TCP, null, null, 80, -1, 0, 0, 0),
        "intervalSeconds",
        "must be > 0, got -1");
    refused(
        () -> new HealthCheck(Type.TCP, null, null, 80, 0, 3601, 0, 0),
        "timeoutSeconds",
        "must be <= 3600, got 3601");
    refused(
        () -> new HealthCheck(Type.TCP, null, null, 80, 0, -1, 0, 0),
        "timeoutSeconds",
        "must be > 0, got -1");
    refused(
        () -> new HealthCheck(Type.TCP, null, null, 80, 0, 0, 101, 0),
        "failureThreshold",
        "must be <= 100, got 101");
    refused(
        () -> new HealthCheck(Type.TCP, null, null, 80, 0, 0, -1, 0),
        "failureThreshold",
        "must be > 0, got -1");
    refused(
        () -> new HealthCheck(Type.TCP, null, null, 80, 0, 0, 0, 3601),
        "initialDelaySeconds",
        "must be <= 3600, got 3601");
    refused(
        () -> new HealthCheck(Type.TCP, null, null, 80, 0, 0, 0, -1),
        "initialDelaySeconds",
        "must be >= 0, got -1");
  }

  @Test
  void eachTypeNeedsWhatItChecks() {
    refused(() -> new HealthCheck(null, null, null, 80, 0, 0, 0, 0), "type", "is required");
    refused(() -> HealthCheck.command(List.of()), "command", "is required for a COMMAND check");
    assertThat(HealthCheck.command(List.of("true")).command()).containsExactly("true");
    refused(() -> HealthCheck.http("/", 0), "port", "must be > 0, got 0");
    refused(() -> HealthCheck.http("/", 65536), "port", "must be <= 65535, got 65536");
    refused(() -> HealthCheck.tcp(65536), "port", "must be <= 65535, got 65536");
    assertThat(HealthCheck.tcp(65535).port()).isEqualTo(65535);
    assertThat(HealthCheck.http("/", 1).port()).isEqualTo(1);
  }

  @Test
  void anHttpPathStartsWithASlash() {
    assertThat(HealthCheck.http("", 80).path()).isEqualTo("/");
    assertThat(HealthCheck.http("/healthz", 80).path()).isEqualTo("/healthz");
    refused(() -> HealthCheck.http("healthz", 80), "path", "must start with '/', got \"healthz\"");
  }
}
