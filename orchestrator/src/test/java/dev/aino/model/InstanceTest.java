package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceTest {
  private static final Instant T1 = Fixtures.T0.plusSeconds(1);
  private static final Instant T2 = Fixtures.T0.plusSeconds(2);

  private static Instance withId(String id, long generation) {
    return new Instance(
        id,
        "web",
        generation,
        null,
        Resources.of(1, 1),
        null,
        null,
        null,
        null,
        null,
        0,
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        0);
  }

  private static void refused(Runnable build, String field, String reason) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(reason);
  }

  @Test
  void aSuffixIsOneToSixteenLettersOrDigits() {
    assertThat(withId("web-a", 1).id()).isEqualTo("web-a");
    assertThat(withId("web-" + "a".repeat(16), 1).id()).hasSize(20);
    for (String id : List.of("web", "web-" + "a".repeat(17), "web-a-b", "webx-a")) {
      refused(
          () -> withId(id, 1),
          "id",
          "must be \"web-\" followed by 1 to 16 letters or digits, got \"" + id + "\"");
    }
  }

  @Test
  void theGenerationStartsAtOne() {
    assertThat(withId("web-a", 1).generation()).isEqualTo(1);
    refused(() -> withId("web-a", 0), "generation", "must be > 0, got 0");
  }

  @Test
  void unsetFieldsTakeTheirDefaults() {
    Instance i = withId("web-a", 1);
    assertThat(i.templateHash()).isEmpty();
    assertThat(i.desired()).isEqualTo(DesiredState.RUN);
    assertThat(i.phase()).isEqualTo(InstancePhase.PENDING);
    assertThat(i.createdAt()).isEqualTo(Instant.EPOCH);
    assertThat(i.ports()).isEmpty();
    assertThat(i.storeKey()).isEqualTo("web/web-a");
  }

  @Test
  void aPendingInstanceCarriesItsWorkloadsTemplate() {
    Workload web = Fixtures.workload("web");
    Instance i = Instance.pending(web, "x1", T1);
    assertThat(i.id()).isEqualTo("web-x1");
    assertThat(i.workload()).isEqualTo("web");
    assertThat(i.generation()).isEqualTo(web.generation());
    assertThat(i.templateHash()).isEqualTo(web.spec().templateHash()).isNotEmpty();
    assertThat(i.resources()).isEqualTo(web.spec().resources());
    assertThat(i.createdAt()).isEqualTo(T1);
    assertThat(i.node()).isNull();
    assertThat(i.revision()).isZero();
    assertThat(Instance.pending(web, "old", "x2", T1).templateHash()).isEqualTo("old");
  }

  @Test
  void theWorkloadOfAnIdIsWhatComesBeforeItsLastDash() {
    assertThat(Instance.workloadOf("web-api-x1")).isEqualTo("web-api");
    for (String id : new String[] {"web", "-x1", null}) {
      refused(
          () -> Instance.workloadOf(id),
          "id",
          "must look like <workload>-<suffix>, got \"" + id + "\"");
    }
    assertThat(Instance.workloadOf("a-x1")).isEqualTo("a");
  }

  @Test
  void theBuilderSetsEachFieldAndKeepsTheOthers() {
    Instance base = Fixtures.instance("web", "x1");
    PortBinding http = new PortBinding("http", 80, 20001, Protocol.TCP);
    Instance built =
        base.toBuilder()
            .node("node-a")
            .desired(DesiredState.STOP)
            .transition(InstancePhase.FAILED, "Crashed", "exit 3")
            .containerId("c1")
            .exitCode(3)
            .restartCount(2)
            .ready(true)
            .startedAt(T1)
            .finishedAt(T2)
            .network(NetworkMode.BRIDGE)
            .ip("10.0.0.2")
            .ports(List.of(http))
            .revision(9)
            .build();
    assertThat(built)
        .isEqualTo(
            new Instance(
                "web-x1",
                "web",
                base.generation(),
                base.templateHash(),
                base.resources(),
                "node-a",
                DesiredState.STOP,
                InstancePhase.FAILED,
                "c1",
                3,
                2,
                true,
                "Crashed",
                "exit 3",
                base.createdAt(),
                T1,
                T2,
                NetworkMode.BRIDGE,
                "10.0.0.2",
                List.of(http),
                9));
    assertThat(built.toBuilder().build()).isEqualTo(built);
    assertThat(built.withRevision(10).revision()).isEqualTo(10);
    assertThat(built.toBuilder().phase(InstancePhase.RUNNING).reason("r").message("m").build())
        .satisfies(
            i -> {
              assertThat(i.phase()).isEqualTo(InstancePhase.RUNNING);
              assertThat(i.reason()).isEqualTo("r");
              assertThat(i.message()).isEqualTo("m");
            });
    refused(() -> base.toBuilder().restartCount(-1).build(), "restartCount", "must be >= 0");
    refused(() -> base.toBuilder().node("Node_A").build(), "node", "must be a DNS-1123 label");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ErrImagePull", "ImagePullBackOff"})
  void anInstanceWaitingForItsImageSaysSo(String reason) {
    assertThat(Fixtures.instance("web", "x1").toBuilder().reason(reason).build().waitsToPullImage())
        .isTrue();
  }

  @Test
  void otherReasonsAreNotWaitingForAnImage() {
    assertThat(Fixtures.instance("web", "x1").waitsToPullImage()).isFalse();
    assertThat(
            Fixtures.instance("web", "x1").toBuilder().reason("Crashed").build().waitsToPullImage())
        .isFalse();
  }

  @ParameterizedTest
  @EnumSource(InstancePhase.class)
  void onlyAnInstanceThatEndedFreesItsResources(InstancePhase phase) {
    Instance i = Fixtures.instance("web", "x1").toBuilder().phase(phase).build();
    boolean ended =
        List.of(
                InstancePhase.SUCCEEDED,
                InstancePhase.FAILED,
                InstancePhase.LOST,
                InstancePhase.TERMINATED)
            .contains(phase);
    assertThat(phase.isTerminal()).isEqualTo(ended);
    assertThat(i.holdsResources()).isEqualTo(!ended);
  }
}
