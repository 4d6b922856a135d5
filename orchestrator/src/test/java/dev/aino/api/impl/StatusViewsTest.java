package dev.aino.api.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.WorkloadStatus;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadState;
import dev.aino.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workload status line: it names what is wrong and never prints a null. */
class StatusViewsTest {
  private final Workload web = Fixtures.workload("web");

  private Instance waiting(String reason, String message, Integer exitCode, int restarts) {
    return Fixtures.instance("web", "a1").toBuilder()
        .node("n1")
        .transition(InstancePhase.STARTING, reason, message)
        .exitCode(exitCode)
        .restartCount(restarts)
        .build();
  }

  @Test
  void anImageThatCannotBePulledIsNamedAsSuch() {
    String pull = "back-off 8s pulling the image again: ImagePullFailed: manifest unknown for x";
    WorkloadStatus status =
        StatusViews.status(web, List.of(waiting("ImagePullBackOff", pull, null, 0)));

    assertThat(status.state()).isEqualTo(WorkloadState.DEGRADED);
    assertThat(status.message())
        .isEqualTo("instance web-a1 cannot pull its image (ImagePullBackOff): " + pull);
    assertThat(StatusViews.status(web, List.of(waiting("ErrImagePull", pull, null, 0))).message())
        .startsWith("instance web-a1 cannot pull its image (ErrImagePull): ");
  }

  @Test
  void aCrashLoopWithoutAnExitCodeSaysNoNull() {
    String why = "back-off 4s restarting failed container (start failed: runc failed, restart 1)";
    WorkloadStatus status =
        StatusViews.status(web, List.of(waiting("CrashLoopBackOff", why, null, 1)));

    assertThat(status.message())
        .isEqualTo("instance web-a1 is crash-looping (1 restart): " + why)
        .doesNotContain("null");
    assertThat(StatusViews.status(web, List.of(waiting("CrashLoopBackOff", why, 3, 4))).message())
        .startsWith("instance web-a1 is crash-looping (exit code 3, 4 restarts): ");
  }
}
