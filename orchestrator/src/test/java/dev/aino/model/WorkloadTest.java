package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  private static final Instant T1 = Fixtures.T0.plusSeconds(1);

  @Test
  void theGenerationMovesOnlyWhenTheSpecChanges() {
    Workload web = Fixtures.workload("web").withRevision(4);
    assertThat(web.generation()).isEqualTo(1);
    Workload same = web.withSpec(Fixtures.spec(1));
    assertThat(same).isEqualTo(web);
    Workload scaled = web.withSpec(Fixtures.spec(3));
    assertThat(scaled.generation()).isEqualTo(2);
    assertThat(scaled.spec().replicas()).isEqualTo(3);
    assertThat(scaled.revision()).isEqualTo(4);
    assertThat(scaled.createdAt()).isEqualTo(web.createdAt());
    assertThat(web.storeKey()).isEqualTo("web");
  }

  @Test
  void aWorkloadMarkedForDeletionIsDeleting() {
    Workload web = Fixtures.workload("web");
    assertThat(web.isDeleting()).isFalse();
    Workload deleting = web.markedForDeletion(T1);
    assertThat(deleting.isDeleting()).isTrue();
    assertThat(deleting.deletionRequestedAt()).isEqualTo(T1);
    assertThat(deleting.withSpec(Fixtures.spec(2)).isDeleting()).isTrue();
    assertThat(deleting.withRevision(3).deletionRequestedAt()).isEqualTo(T1);
  }

  @Test
  void aWorkloadNeedsAGenerationOfAtLeastOne() {
    assertThat(new Workload("web", Fixtures.spec(1), 1, null, null, null, null, 0).createdAt())
        .isEqualTo(Instant.EPOCH);
    assertThatThrownBy(() -> new Workload("web", Fixtures.spec(1), 0, null, null, null, null, 0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("generation"))
        .hasMessageContaining("must be > 0, got 0");
  }

  @Test
  void theTemplateHashOfASpecWithoutNetworkingOrInitStaysWhatItWas() {
    // Instances carry the hash of the spec they were made from; a hash that changed for specs
    // written before networking and init existed would roll every running instance.
    WorkloadSpec plain = WorkloadSpec.builder("busybox:1.36").command("sleep", "60").build();
    assertThat(plain.templateHash()).isEqualTo(GOLDEN_PLAIN);
    assertThat(plain.toBuilder().network(NetworkMode.HOST).build().templateHash())
        .isEqualTo(GOLDEN_HOST);
    assertThat(plain.toBuilder().init(true).build().templateHash()).isEqualTo(GOLDEN_INIT);
  }

  private static final String GOLDEN_PLAIN = "677cbdeeb9";
  private static final String GOLDEN_HOST = "3d9388777b";
  private static final String GOLDEN_INIT = "f8db59dfef";

  @Test
  void workloadStatesAndObjectReferencesReadAsWords() {
    assertThat(WorkloadState.HEALTHY.label()).isEqualTo("Healthy");
    assertThat(WorkloadState.DEGRADED).hasToString("Degraded");
    assertThat(List.of(WorkloadState.values()).stream().filter(WorkloadState::isSettled))
        .containsExactly(WorkloadState.HEALTHY, WorkloadState.COMPLETED);
    assertThat(ObjectRef.workload("web")).isEqualTo(new ObjectRef("workload", "web"));
    assertThat(ObjectRef.instance("web-a1")).hasToString("instance/web-a1");
    assertThat(ObjectRef.node("node-a")).isEqualTo(new ObjectRef("node", "node-a"));
    assertThat(Event.keyPrefix(ObjectRef.node("node-a"))).isEqualTo("node/node-a/");
  }

  @Test
  void eachFieldOfAPortSpecIsChecked() {
    assertThatThrownBy(() -> new PortSpec("Http", 0, 70000, null))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(ValidationException.FieldError::field)
                    .containsExactly("name", "containerPort", "hostPort"));
    assertThat(new PortSpec("http", 80, null, null).protocol()).isEqualTo(Protocol.TCP);
    assertThat(new PortSpec("web-ui", 80, null, null).envName()).isEqualTo("AINO_PORT_WEB_UI");
  }

  @Test
  void aDnsLabelHasOnlyLowerCaseLettersDigitsAndDashes() {
    // The characters just outside 'a'-'z' and '0'-'9' are refused, the ends of both ranges pass.
    for (String bad : List.of("a`b", "a{b", "a/b", "a:b")) {
      assertThatThrownBy(() -> Validate.dnsLabel("name", bad))
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"))
          .hasMessageContaining("must be a DNS-1123 label");
    }
    assertThat(Validate.dnsLabel("name", "az09")).isEqualTo("az09");
    assertThat(Validate.dnsLabel("name", "0-z")).isEqualTo("0-z");
  }

  @Test
  void anAutoscalerMayHaveOneReplicaCount() {
    AutoscalePolicy fixed = AutoscalePolicy.cpu(3, 3, 70);
    assertThat(List.of(fixed.minReplicas(), fixed.maxReplicas())).containsExactly(3, 3);
    assertThatThrownBy(() -> AutoscalePolicy.cpu(4, 3, 70)).isInstanceOf(ValidationException.class);
  }
}
