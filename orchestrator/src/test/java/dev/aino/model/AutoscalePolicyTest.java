package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AutoscalePolicyTest {
  @Test
  void aPolicyWithoutAnyTargetIsRefusedNamingTheField() {
    assertThatThrownBy(() -> new AutoscalePolicy(1, 3, null, null))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("targetCpuPercent");
              assertThat(e.reason()).contains("targetMemoryPercent");
            });
  }

  @Test
  void aMemoryTargetAloneIsAPolicyAndIsBounded() {
    AutoscalePolicy memory = new AutoscalePolicy(1, 3, null, 80);
    assertThat(memory.targetCpuPercent()).isNull();
    assertThat(memory.describe()).isEqualTo("1 to 3 replicas at 80% memory of the request");
    assertThatThrownBy(() -> new AutoscalePolicy(1, 3, null, 0))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("targetMemoryPercent"));
    assertThatThrownBy(() -> new AutoscalePolicy(1, 3, 101, null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("targetCpuPercent"));
  }

  @Test
  void aDocumentWrittenBeforeTheMemoryTargetStillReads() {
    byte[] old =
        "{\"minReplicas\":2,\"maxReplicas\":10,\"targetCpuPercent\":70}"
            .getBytes(StandardCharsets.UTF_8);
    AutoscalePolicy read = Json.decode(old, AutoscalePolicy.class, "autoscale");
    assertThat(read).isEqualTo(AutoscalePolicy.cpu(2, 10, 70));
    assertThat(read.describe()).isEqualTo("2 to 10 replicas at 70% CPU of the request");
  }

  @Test
  void aDocumentWithoutTargetsIsRefusedWithItsPath() {
    byte[] none = "{\"minReplicas\":2,\"maxReplicas\":10}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Json.decode(none, AutoscalePolicy.class, "spec.autoscale"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("spec.autoscale.targetCpuPercent"));
  }

  @Test
  void clampKeepsACountWithinTheBounds() {
    AutoscalePolicy policy = new AutoscalePolicy(2, 5, 60, 80);
    assertThat(policy.clamp(1)).isEqualTo(2);
    assertThat(policy.clamp(4)).isEqualTo(4);
    assertThat(policy.clamp(9)).isEqualTo(5);
    assertThat(policy.describe())
        .isEqualTo("2 to 5 replicas at 60% CPU and 80% memory of the request");
  }
}
