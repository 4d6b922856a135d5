package dev.aino.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
  private final RestartBackoff backoff =
      new RestartBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(10));
  private final Instance instance = Fixtures.instance("web", "a1");
  private final Instant t0 = Fixtures.T0;

  @Test
  void delaysDoubleWithEachRestartInARowUpToTheMaximum() {
    StringBuilder delays = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      RestartBackoff.Planned planned = backoff.plan(instance, Duration.ofSeconds(1), t0);
      backoff.remember(instance.id(), planned);
      delays.append(Durations.format(planned.delay())).append(' ');
    }
    assertThat(delays.toString().trim()).isEqualTo("1s 2s 4s 8s 16s 32s 1m4s 2m8s 4m16s 5m 5m");
  }

  @Test
  void aContainerThatRanLongEnoughStartsOverAtTheInitialDelay() {
    for (int i = 0; i < 5; i++) {
      backoff.remember(instance.id(), backoff.plan(instance, Duration.ZERO, t0));
    }

    RestartBackoff.Planned planned = backoff.plan(instance, Duration.ofMinutes(10), t0);

    assertThat(planned.delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(planned.due()).isEqualTo(t0.plusSeconds(1));
  }

  @Test
  void withoutMemoryTheStepIsReadOffTheRestartCount() {
    Instance restartedThrice = instance.toBuilder().restartCount(3).build();

    assertThat(backoff.plan(restartedThrice, Duration.ZERO, t0).delay())
        .isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void onlyAnInstanceWaitingInBackOffHasADueTime() {
    Instance waiting =
        instance.toBuilder().reason(RestartBackoff.REASON).restartCount(3).finishedAt(t0).build();

    assertThat(backoff.due(waiting)).isEqualTo(t0.plusSeconds(4));
    assertThat(backoff.due(instance)).isNull();
    assertThat(backoff.due(waiting.toBuilder().containerId("c1").build())).isNull();
  }
}
