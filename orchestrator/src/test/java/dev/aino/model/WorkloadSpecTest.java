package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WorkloadSpecTest {
  private static final WorkloadSpec BASE =
      WorkloadSpec.builder("busybox:1.36")
          .command("sh", "-c")
          .args(List.of("sleep 1"))
          .env(Map.of("A", "1"))
          .resources(200, 128)
          .replicas(3)
          .build();

  private static void refused(Runnable build, String field, String reason) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(reason);
  }

  private static String hashWith(UnaryOperator<WorkloadSpec.Builder> change) {
    return change.apply(BASE.toBuilder()).build().templateHash();
  }

  @Test
  void whatInstancesRunChangesTheTemplateHash() {
    String hash = BASE.templateHash();
    assertThat(hash).matches("[0-9a-f]{10}");
    List<UnaryOperator<WorkloadSpec.Builder>> changes =
        List.of(
            b -> b.image("busybox:1.37"),
            b -> b.command("sh"),
            b -> b.args(List.of("sleep 2")),
            b -> b.env(Map.of("A", "2")),
            b -> b.resources(300, 128),
            b -> b.resources(200, 256),
            b -> b.restartPolicy(RestartPolicy.NEVER),
            b -> b.healthCheck(HealthCheck.tcp(80)),
            b -> b.network(NetworkMode.HOST),
            b -> b.ports(new PortSpec("http", 80, null, Protocol.TCP)),
            b -> b.init(true));
    List<String> hashes = changes.stream().map(WorkloadSpecTest::hashWith).toList();
    assertThat(hashes).doesNotContain(hash).doesNotHaveDuplicates();
  }

  @Test
  void howManyAndWhereDoNotChangeTheTemplateHash() {
    String hash = BASE.templateHash();
    assertThat(hashWith(b -> b.replicas(5))).isEqualTo(hash);
    assertThat(hashWith(b -> b.labels(Map.of("team", "a")))).isEqualTo(hash);
    assertThat(hashWith(b -> b.placement(new Placement(Map.of("zone", "a"), null))))
        .isEqualTo(hash);
    assertThat(hashWith(b -> b.update(new UpdateStrategy(2, 1)))).isEqualTo(hash);
    assertThat(hashWith(b -> b.autoscale(AutoscalePolicy.cpu(1, 5, 70)))).isEqualTo(hash);
    assertThat(hashWith(b -> b.stopGracePeriodSeconds(30))).isEqualTo(hash);
    assertThat(hashWith(b -> b.init(false))).isEqualTo(hash);
  }

  @Test
  void aRoundTripThroughTheBuilderKeepsEveryField() {
    WorkloadSpec full =
        BASE.toBuilder()
            .restartPolicy(RestartPolicy.ON_FAILURE)
            .placement(new Placement(Map.of("zone", "a"), PlacementStrategy.values()[0]))
            .healthCheck(HealthCheck.http("/healthz", 80))
            .update(new UpdateStrategy(2, 1))
            .autoscale(AutoscalePolicy.cpu(1, 5, 70))
            .labels(Map.of("team", "a"))
            .stopGracePeriodSeconds(30)
            .init(true)
            .network(NetworkMode.BRIDGE)
            .ports(new PortSpec("http", 80, 8080, Protocol.TCP))
            .build();
    assertThat(full.toBuilder().build()).isEqualTo(full);
    assertThat(full.withReplicas(4)).isEqualTo(full.toBuilder().replicas(4).build());
    assertThat(full.withReplicas(4).replicas()).isEqualTo(4);
    assertThat(full.runsInit()).isTrue();
    assertThat(full.imageReference()).isEqualTo(ImageReference.parse("image", "busybox:1.36"));
  }

  @Test
  void unsetFieldsTakeTheirDefaults() {
    WorkloadSpec spec =
        new WorkloadSpec(
            "busybox",
            null,
            null,
            null,
            WorkloadSpec.DEFAULT_RESOURCES,
            1,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            null,
            null);
    assertThat(spec.command()).isEmpty();
    assertThat(spec.restartPolicy()).isEqualTo(RestartPolicy.ALWAYS);
    assertThat(spec.placement()).isEqualTo(Placement.DEFAULT);
    assertThat(spec.update()).isEqualTo(UpdateStrategy.DEFAULT);
    assertThat(spec.init()).isNull();
    assertThat(spec.runsInit()).isFalse();
    assertThat(spec.ports()).isEmpty();
  }

  @Test
  void replicasAndTheStopGraceHaveBounds() {
    assertThat(BASE.withReplicas(0).replicas()).isZero();
    assertThat(BASE.withReplicas(WorkloadSpec.MAX_REPLICAS).replicas()).isEqualTo(10_000);
    refused(() -> BASE.withReplicas(10_001), "replicas", "must be <= 10000, got 10001");
    refused(() -> BASE.withReplicas(-1), "replicas", "must be >= 0, got -1");
    assertThat(BASE.toBuilder().stopGracePeriodSeconds(0).build().stopGracePeriodSeconds())
        .isZero();
    assertThat(BASE.toBuilder().stopGracePeriodSeconds(3600).build().stopGracePeriodSeconds())
        .isEqualTo(3600);
    refused(
        () -> BASE.toBuilder().stopGracePeriodSeconds(3601).build(),
        "stopGracePeriodSeconds",
        "must be <= 3600, got 3601");
    refused(
        () -> BASE.toBuilder().stopGracePeriodSeconds(-1).build(),
        "stopGracePeriodSeconds",
        "must be >= 0, got -1");
  }

  @Test
  void replicasLieWithinTheAutoscaleBounds() {
    AutoscalePolicy twoToFive = AutoscalePolicy.cpu(2, 5, 70);
    assertThat(BASE.toBuilder().autoscale(twoToFive).replicas(2).build().replicas()).isEqualTo(2);
    assertThat(BASE.toBuilder().autoscale(twoToFive).replicas(5).build().replicas()).isEqualTo(5);
    refused(
        () -> BASE.toBuilder().autoscale(twoToFive).replicas(1).build(),
        "replicas",
        "must lie within autoscale bounds [2, 5], got 1");
    refused(
        () -> BASE.toBuilder().autoscale(twoToFive).replicas(6).build(),
        "replicas",
        "must lie within autoscale bounds [2, 5], got 6");
  }

  @Test
  void aBadPortListIsRefusedWithItsPath() {
    refused(
        () ->
            BASE.toBuilder()
                .ports(
                    new PortSpec("http", 80, null, Protocol.TCP),
                    new PortSpec("http", 81, null, Protocol.TCP))
                .build(),
        "ports[1].name",
        "duplicate port name \"http\"");
  }
}
