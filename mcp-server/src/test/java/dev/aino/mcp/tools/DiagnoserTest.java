package dev.aino.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.mcp.tools.Outputs.Diagnosis;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.StoreOptions;
import dev.aino.store.memory.InMemoryStateStore;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** diagnose_workload's findings for an instance whose image cannot be pulled. */
class DiagnoserTest {
  @Test
  void anImageThatCannotBePulledIsNamedWithWhatToCheck() {
    InMemoryStateStore store = new InMemoryStateStore(StoreOptions.defaults());
    CoreOrchestratorService service =
        new CoreOrchestratorService(
            store, new Scheduler(SchedulerConfig.defaults()), Clock.systemUTC());
    Workload web =
        service.apply(
            "web", WorkloadSpec.builder("127.0.0.1:5000/nope:1").resources(10, 8).build());
    String pull =
        "back-off 8s pulling the image again: ImagePullFailed: manifest unknown for"
            + " 127.0.0.1:5000/nope:1";
    store.create(
        Instance.pending(web, "a1", web.createdAt()).toBuilder()
            .node("node-a")
            .transition(InstancePhase.STARTING, Instance.IMAGE_PULL_BACK_OFF, pull)
            .build());

    Diagnosis diagnosis = new Diagnoser(service).diagnose("web");

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
