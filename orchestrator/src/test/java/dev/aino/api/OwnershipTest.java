package dev.aino.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.error.ErrorCode;
import dev.aino.model.AutoscalePolicy;
import dev.aino.model.Event;
import dev.aino.model.ObjectRef;
import dev.aino.model.Ownership;
import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.memory.InMemoryStateStore;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A workload's manager: who created it or was named on an apply; another caller's change is
 * recorded as a {@code ManagerOverride}, and refused under strict ownership unless forced.
 */
class OwnershipTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final OrchestratorService service =
      new CoreOrchestratorService(
          store, new Scheduler(SchedulerConfig.defaults()), Clock.systemUTC());
  private final OrchestratorService alice =
      service.as(new Caller("alice", Role.OPERATOR, Surface.MCP));
  private final OrchestratorService bob = service.as(new Caller("bob", Role.OPERATOR, Surface.A2A));

  @AfterEach
  void close() {
    store.close();
  }

  private static WorkloadSpec spec(int replicas) {
    return WorkloadSpec.builder("busybox").replicas(replicas).build();
  }

  private List<Event> overrides(String name) {
    return service.events(ObjectRef.workload(name)).stream()
        .filter(e -> e.reason().equals("ManagerOverride"))
        .toList();
  }

  private Workload web() {
    return service.workload("web").workload();
  }

  @Test
  void theCreatorManagesItAndAnotherCallersChangeIsAllowedButRecordedNamingBoth() {
    alice.apply("web", spec(2));
    assertThat(web().manager()).isEqualTo("alice");
    assertThat(web().ownership()).isEqualTo(Ownership.SHARED);

    alice.scale("web", 3);
    assertThat(overrides("web")).isEmpty();
    bob.scale("web", 4);

    assertThat(web().spec().replicas()).isEqualTo(4);
    assertThat(web().manager()).isEqualTo("alice");
    List<Event> overrides = overrides("web");
    assertThat(overrides).hasSize(1);
    assertThat(overrides.get(0).actor().name()).isEqualTo("bob");
    assertThat(overrides.get(0).message())
        .isEqualTo("bob changed it (scale workload web), which alice manages");
  }

  @Test
  void underStrictOwnershipAnotherCallersChangeIsRefusedNamingTheManagerUnlessForced() {
    alice.apply("web", spec(2), new ChangeOptions(null, false, null, Ownership.STRICT));
    long generation = web().generation();

    assertThatThrownBy(() -> bob.scale("web", 5))
        .isInstanceOf(OwnedByAnotherException.class)
        .hasMessageStartingWith("bob may not scale workload web: it is managed by alice")
        .satisfies(
            e ->
                assertThat(((OwnedByAnotherException) e).code())
                    .isEqualTo(ErrorCode.OWNED_BY_ANOTHER));
    assertThatThrownBy(() -> bob.apply("web", spec(7))).isInstanceOf(OwnedByAnotherException.class);
    assertThatThrownBy(() -> bob.delete("web")).isInstanceOf(OwnedByAnotherException.class);
    assertThat(web().generation()).isEqualTo(generation);
    assertThat(web().isDeleting()).isFalse();
    assertThat(overrides("web")).isEmpty();

    bob.scale("web", 5, ChangeOptions.NONE.forced(true));
    assertThat(web().spec().replicas()).isEqualTo(5);
    assertThat(overrides("web"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).endsWith("alice manages strictly; forced"));
    alice.scale("web", 2);
    assertThat(web().spec().replicas()).isEqualTo(2);
  }

  @Test
  void anApplyMayNameTheManagerAndHandItOver() {
    alice.apply("web", spec(1), new ChangeOptions(null, false, "deploy-bot", Ownership.STRICT));
    assertThat(web().manager()).isEqualTo("deploy-bot");

    bob.apply("web", spec(1), new ChangeOptions(null, true, "bob", Ownership.SHARED));
    assertThat(web().manager()).isEqualTo("bob");
    assertThat(web().ownership()).isEqualTo(Ownership.SHARED);
  }

  @Test
  void aManualScaleOfAnAutoscaledWorkloadSaysTheAutoscalerOwnsReplicas() {
    WorkloadSpec autoscaled =
        WorkloadSpec.builder("busybox")
            .replicas(2)
            .autoscale(AutoscalePolicy.cpu(1, 10, 70))
            .build();
    alice.apply("web", autoscaled);

    alice.scale("web", 4);

    assertThat(overrides("web"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .startsWith(
                        "alice scaled it by hand, but the autoscaler manages its replicas"));

    alice.apply(
        "web", autoscaled.withReplicas(4), new ChangeOptions(null, false, null, Ownership.STRICT));
    assertThatThrownBy(() -> alice.scale("web", 6))
        .isInstanceOf(OwnedByAnotherException.class)
        .hasMessageStartingWith(
            "alice may not scale workload web by hand: the autoscaler manages its replicas");
    assertThat(web().spec().replicas()).isEqualTo(4);
    alice.scale("web", 6, ChangeOptions.NONE.forced(true));
    assertThat(web().spec().replicas()).isEqualTo(6);
  }

  @Test
  void theControlPlaneAndAWorkloadWithoutAManagerRecordNoOverride() {
    service.apply("web", spec(1));
    assertThat(web().manager()).isNull();
    bob.scale("web", 2);
    assertThat(overrides("web")).isEmpty();
  }
}
