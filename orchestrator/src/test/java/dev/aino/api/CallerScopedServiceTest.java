package dev.aino.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.error.NotFoundException;
import dev.aino.error.PermissionDeniedException;
import dev.aino.model.WorkloadSpec;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.memory.InMemoryStateStore;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The facade as one caller sees it: the role decides what may change, before anything does. */
class CallerScopedServiceTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final OrchestratorService service =
      new CoreOrchestratorService(
          store, new Scheduler(SchedulerConfig.defaults()), Clock.systemUTC());

  @AfterEach
  void close() {
    store.close();
  }

  private static WorkloadSpec spec(int replicas) {
    return WorkloadSpec.builder("busybox").replicas(replicas).build();
  }

  @Test
  void aViewerReadsEverythingAndChangesNothing() {
    service.apply("web", spec(2));
    OrchestratorService viewer = service.as(new Caller("dash", Role.VIEWER, Surface.REST));

    assertThat(viewer.workload("web").desired()).isEqualTo(2);
    assertThatThrownBy(() -> viewer.scale("web", 5))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("dash may not scale workload web")
        .hasMessageContaining("viewer reads only");
    assertThatThrownBy(() -> viewer.apply("other", spec(1)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> viewer.delete("web")).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> viewer.drain("n1")).isInstanceOf(PermissionDeniedException.class);

    assertThat(store.workload("web").orElseThrow().spec().replicas()).isEqualTo(2);
    assertThat(store.workload("other")).isEmpty();
    assertThat(store.workload("web").orElseThrow().isDeleting()).isFalse();
  }

  @Test
  void anOperatorChangesWorkloadsButNotNodes() {
    OrchestratorService operator = service.as(new Caller("ci", Role.OPERATOR, Surface.MCP));

    assertThat(operator.apply("web", spec(1)).outcome()).isEqualTo(ApplyOutcome.CREATED);
    assertThat(operator.scale("web", 3).desired()).isEqualTo(3);
    // Refused for the role before the node is even looked up: an unknown node is not a NotFound.
    assertThatThrownBy(() -> operator.cordon("n1"))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("ci may not cordon node n1")
        .hasMessageContaining("operator may change workloads but not nodes");
    assertThatThrownBy(() -> operator.drain("n1")).isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void anAdminReachesTheFacadeForNodesToo() {
    OrchestratorService admin = service.as(new Caller("admin", Role.ADMIN, Surface.CLI));

    assertThatThrownBy(() -> admin.cordon("n1")).isInstanceOf(NotFoundException.class);
  }
}
