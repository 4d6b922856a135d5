package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControllerConfigTest {
  private static final ControllerConfig BASE = ControllerConfig.defaults().withSeed(7);

  private static ControllerConfig withBackoff(Duration base, Duration max) {
    return new ControllerConfig(
        BASE.workers(),
        BASE.resyncInterval(),
        base,
        max,
        BASE.lifecycleInterval(),
        BASE.nodeSuspectAfter(),
        BASE.nodeDownAfter(),
        BASE.nodeLostAfter(),
        BASE.nodeLostGrace(),
        BASE.seed());
  }

  private static void refused(Runnable build, String field, String reason) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(reason);
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    ControllerConfig d = ControllerConfig.defaults();
    assertThat(d.workers()).isEqualTo(2);
    assertThat(d.resyncInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.baseBackoff()).isEqualTo(Duration.ofMillis(5));
    assertThat(d.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.lifecycleInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.nodeSuspectAfter()).isEqualTo(Duration.ofSeconds(15));
    assertThat(d.nodeDownAfter()).isEqualTo(Duration.ofSeconds(40));
    assertThat(d.nodeLostAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(d.nodeLostGrace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void eachWitherChangesItsFieldsOnly() {
    Duration s = Duration.ofMillis(100);
    assertThat(BASE.withNodeTimeouts(s, s.multipliedBy(2), s.multipliedBy(3), s.multipliedBy(4)))
        .isEqualTo(
            new ControllerConfig(
                2,
                BASE.resyncInterval(),
                BASE.baseBackoff(),
                BASE.maxBackoff(),
                s,
                s.multipliedBy(2),
                s.multipliedBy(3),
                s.multipliedBy(4),
                BASE.nodeLostGrace(),
                7));
    assertThat(BASE.withNodeLostGrace(s).nodeLostGrace()).isEqualTo(s);
    assertThat(BASE.withNodeLostGrace(s).withNodeLostGrace(BASE.nodeLostGrace())).isEqualTo(BASE);
    assertThat(BASE.withSeed(9).seed()).isEqualTo(9);
    assertThat(BASE.withSeed(9).withSeed(7)).isEqualTo(BASE);
    assertThat(BASE.withWorkers(5).workers()).isEqualTo(5);
    assertThat(BASE.withWorkers(5).withWorkers(2)).isEqualTo(BASE);
    assertThat(BASE.withResync(s).resyncInterval()).isEqualTo(s);
    assertThat(BASE.withResync(s).withResync(BASE.resyncInterval())).isEqualTo(BASE);
  }

  @Test
  void workersAreBetweenOneAnd256() {
    assertThat(BASE.withWorkers(1).workers()).isEqualTo(1);
    assertThat(BASE.withWorkers(256).workers()).isEqualTo(256);
    refused(() -> BASE.withWorkers(0), "workers", "must be > 0, got 0");
    refused(() -> BASE.withWorkers(257), "workers", "must be <= 256, got 257");
  }

  @Test
  void durationsArePositive() {
    refused(() -> BASE.withResync(Duration.ZERO), "resyncInterval", "must be > 0, got PT0S");
    refused(() -> BASE.withResync(Duration.ofSeconds(-1)), "resyncInterval", "must be > 0");
    refused(() -> BASE.withResync(null), "resyncInterval", "is required");
    refused(() -> BASE.withNodeLostGrace(Duration.ZERO), "nodeLostGrace", "must be > 0");
    Duration s = Duration.ofSeconds(1);
    refused(() -> BASE.withNodeTimeouts(Duration.ZERO, s, s, s), "lifecycleInterval", "> 0");
    // Each node timeout is checked on its own, before they are compared with each other.
    refused(() -> BASE.withNodeTimeouts(s, Duration.ZERO, s, s), "nodeSuspectAfter", "> 0");
    refused(() -> BASE.withNodeTimeouts(s, s, Duration.ZERO, s), "nodeDownAfter", "> 0");
    refused(() -> BASE.withNodeTimeouts(s, s, s, Duration.ZERO), "nodeLostAfter", "> 0");
    refused(() -> withBackoff(Duration.ZERO, s), "baseBackoff", "must be > 0, got PT0S");
    refused(() -> withBackoff(s, Duration.ofMillis(-5)), "maxBackoff", "must be > 0");
    assertThat(BASE.withResync(Duration.ofNanos(1000000)).resyncInterval())
        .isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void aNodeIsSuspectThenDownThenLost() {
    Duration s = Duration.ofSeconds(1);
    Duration t = Duration.ofSeconds(2);
    // Equal ages are allowed: a node may go from suspect straight to down, or down to lost.
    assertThat(BASE.withNodeTimeouts(s, s, s, s).nodeLostAfter()).isEqualTo(s);
    refused(
        () -> BASE.withNodeTimeouts(s, t, s, t), "nodeDownAfter", "must be >= nodeSuspectAfter");
    refused(() -> BASE.withNodeTimeouts(s, s, t, s), "nodeLostAfter", "must be >= nodeDownAfter");
  }
}
