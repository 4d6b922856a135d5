package dev.aino.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.mcp.tools.Outputs.Diagnosis;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.InstanceReasons;
import dev.aino.model.Node;
import dev.aino.model.Resources;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.memory.InMemoryStateStore;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The diagnosis advises from the scheduler's typed rejection counts as the cluster is now, not from
 * the text of a message stored when the scheduler last tried (which may be stale, or not written
 * yet), and names an image that cannot be pulled with what to check.
 */
class DiagnoserTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final CoreOrchestratorService service =
      new CoreOrchestratorService(
          store, new Scheduler(SchedulerConfig.defaults()), Clock.systemUTC());
  private final Diagnoser diagnoser = new Diagnoser(service);

  @AfterEach
  void close() {
    store.close();
  }

  /** A workload with one instance waiting for a node, its message not (yet) written. */
  private void waitingWorkload(int memoryMiB) {
    WorkloadSpec spec = WorkloadSpec.builder("busybox").resources(100, memoryMiB).build();
    Workload w = service.apply("web", spec).workload();
    Instance pending = Instance.pending(w, "a1b2c", Instant.now());
    store.create(pending);
  }

  @Test
  void aCordonedClusterAdvisesToUncordon() {
    store.create(Node.of("n1", Resources.of(4000, 8192)).withSchedulable(false));
    waitingWorkload(64);

    Diagnosis d = diagnoser.diagnose("web");

    assertThat(d.pendingReasons()).hasSize(1);
    assertThat(d.nextSteps()).anyMatch(s -> s.contains("uncordon_node"));
    assertThat(d.nextSteps()).noneMatch(s -> s.contains("enough free CPU or memory"));
  }

  @Test
  void tooLittleMemoryAdvisesToLowerTheRequest() {
    store.create(Node.of("n1", Resources.of(4000, 128)));
    waitingWorkload(1024);

    Diagnosis d = diagnoser.diagnose("web");

    assertThat(d.nextSteps()).anyMatch(s -> s.contains("enough free CPU or memory"));
    assertThat(d.nextSteps()).noneMatch(s -> s.contains("uncordon_node"));
  }

  @Test
  void noNodesAdvisesToCheckTheNodes() {
    waitingWorkload(64);

    Diagnosis d = diagnoser.diagnose("web");

    assertThat(d.state()).isEqualTo("Pending");
    assertThat(d.healthy()).isFalse();
    assertThat(d.nextSteps()).anyMatch(s -> s.contains("none are registered"));
  }

  @Test
  void anImageThatCannotBePulledIsNamedWithWhatToCheck() {
    Workload web =
        service
            .apply("web", WorkloadSpec.builder("127.0.0.1:5000/nope:1").resources(10, 8).build())
            .workload();
    String pull =
        "back-off 8s pulling the image again: ImagePullFailed: manifest unknown for"
            + " 127.0.0.1:5000/nope:1";
    store.create(
        Instance.pending(web, "a1", web.createdAt()).toBuilder()
            .node("node-a")
            .transition(InstancePhase.STARTING, InstanceReasons.IMAGE_PULL_BACK_OFF, pull)
            .build());

    Diagnosis diagnosis = diagnoser.diagnose("web");

    assertThat(diagnosis.state()).isEqualTo("Degraded");
    assertThat(diagnosis.message())
        .isEqualTo("instance web-a1 cannot pull its image (ImagePullBackOff): " + pull);
    assertThat(diagnosis.crashLoops())
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo("ImagePullBackOff"));
    assertThat(diagnosis.nextSteps())
        .singleElement()
        .asString()
        .startsWith("Instance web-a1 cannot pull its image (ImagePullBackOff): " + pull)
        .contains("Check spec.image")
        .contains("node node-a")
        .doesNotContain("null")
        .doesNotContain("restarted");
  }
}
