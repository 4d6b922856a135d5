package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationException;
import dev.aino.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelValidationTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "web",
        "web-1",
        "0",
        "a1-b2-c3",
        "x23456789012345678901234567890123456789012345678901234567890123"
      })
  void acceptsDnsLabels(String name) {
    assertThat(Workload.create(name, Fixtures.spec(1), Fixtures.T0).name()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-web",
        "web-",
        "Web",
        "web_1",
        "web.1",
        "wéb",
        "a b",
        "web\u0000",
        "x234567890123456789012345678901234567890123456789012345678901234"
      })
  void refusesOtherNamesNamingTheField(String name) {
    assertThatThrownBy(() -> Workload.create(name, Fixtures.spec(1), Fixtures.T0))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo("name");
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            });
  }

  @Test
  void resourcesMustBePositiveAndHostSized() {
    assertError(
        () -> Fixtures.spec(1).toBuilder().resources(Resources.of(0, 64)).build(),
        "resources.cpuMillis",
        "must be > 0, got 0");
    assertError(
        () -> Fixtures.spec(1).toBuilder().resources(Resources.of(100, 0)).build(),
        "resources.memoryMiB",
        "must be > 0, got 0");
    assertError(() -> Resources.of(-5, 1), "cpuMillis", "must be >= 0, got -5");
    assertError(
        () -> Fixtures.spec(1).toBuilder().resources(Resources.of(5_000_000, 64)).build(),
        "resources.cpuMillis",
        "must be <= 4096000");
  }

  @Test
  void replicasAreBounded() {
    assertError(() -> Fixtures.spec(-1), "replicas", "must be >= 0, got -1");
    assertError(() -> Fixtures.spec(10_001), "replicas", "must be <= 10000, got 10001");
    assertThat(Fixtures.spec(10_000).replicas()).isEqualTo(10_000);
  }

  @Test
  void envNamesAndNulBytesAreChecked() {
    assertError(
        () -> Fixtures.spec(1).toBuilder().env(Map.of("9LIVES", "x")).build(),
        "env.9LIVES",
        "must be a variable name");
    assertError(
        () -> Fixtures.spec(1).toBuilder().env(Map.of("OK", "a\u0000b")).build(), "env.OK", "NUL");
    assertError(
        () -> Fixtures.spec(1).toBuilder().args(List.of("ok", "bad\u0000")).build(),
        "args[1]",
        "NUL");
  }

  @ParameterizedTest
  @CsvSource({
    "nginx, docker.io, library/nginx, latest, ",
    "nginx:1.27, docker.io, library/nginx, 1.27, ",
    "127.0.0.1:5000/busybox:1.36, 127.0.0.1:5000, busybox, 1.36, ",
    "localhost/team/app, localhost, team/app, latest, ",
    "ghcr.io/a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,"
        + " ghcr.io, a/b, , sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  })
  void parsesImageReferences(
      String text, String registry, String repository, String tag, String digest) {
    ImageReference ref = ImageReference.parse("image", text);
    assertThat(ref.source()).isEqualTo(ImageReference.Source.REGISTRY);
    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.digest()).isEqualTo(digest);
  }

  @Test
  void parsesLocalImageSources() {
    assertThat(ImageReference.parse("image", "oci:/srv/layout:v2"))
        .isEqualTo(
            new ImageReference(ImageReference.Source.OCI_LAYOUT, null, "/srv/layout", "v2", null));
    assertThat(ImageReference.parse("image", "rootfs:/srv/root").source())
        .isEqualTo(ImageReference.Source.ROOTFS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "UPPER/case",
        "nginx:",
        "nginx@sha256:xyz",
        "a//b",
        "rootfs:relative",
        "host:99999999/x"
      })
  void refusesMalformedImageReferences(String text) {
    assertThatThrownBy(() -> ImageReference.parse("spec.image", text))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("spec.image"));
  }

  @Test
  void anInstanceLeavingRunningDropsItsAddressButKeepsItsPorts() {
    List<PortBinding> ports = List.of(new PortBinding("http", 8080, 21000, Protocol.TCP));
    Instance running =
        Fixtures.instance("web", "a1").toBuilder()
            .phase(InstancePhase.RUNNING)
            .network(NetworkMode.BRIDGE)
            .ip("10.88.0.2")
            .ports(ports)
            .build();

    for (InstancePhase phase : InstancePhase.values()) {
      Instance next = running.toBuilder().transition(phase, "Why", "what happened").build();
      assertThat(next.ip())
          .as(phase.name())
          .isEqualTo(phase == InstancePhase.RUNNING ? "10.88.0.2" : null);
      assertThat(next.ports()).as(phase.name()).isEqualTo(ports);
    }
    assertThat(running.toBuilder().phase(InstancePhase.LOST).build().ip()).isNull();
  }

  @Test
  void anInstanceIdBelongsToItsWorkload() {
    Instance i = Fixtures.instance("web-api", "x7k2p");
    assertThat(i.id()).isEqualTo("web-api-x7k2p");
    assertThat(Instance.workloadOf(i.id())).isEqualTo("web-api");
    assertError(
        () ->
            new Instance(
                "other-x7k2p",
                "web",
                1,
                "",
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
                0),
        "id",
        "must be \"web-\"");
  }

  @Test
  void allocatableCannotExceedCapacity() {
    assertError(
        () ->
            new Node(
                "n1",
                "",
                Map.of(),
                Resources.of(1000, 1024),
                Resources.of(2000, 1024),
                null,
                true,
                null,
                null,
                null,
                0),
        "allocatable",
        "must not exceed capacity");
  }

  @Test
  void healthChecksNeedWhatTheirTypeUses() {
    assertError(() -> HealthCheck.command(List.of()), "command", "is required");
    assertError(() -> HealthCheck.tcp(0), "port", "must be > 0, got 0");
    assertThat(HealthCheck.http(null, 8080).path()).isEqualTo("/");
  }

  @Test
  void anUpdateStrategyMustBeAbleToProgress() {
    assertError(() -> new UpdateStrategy(0, 0), "maxSurge", "must not both be 0");
  }

  @Test
  void eventReasonsAreCamelCase() {
    assertError(
        () -> Event.of(ObjectRef.workload("web"), EventType.NORMAL, "not camel", "m", Fixtures.T0),
        "reason",
        "CamelCase");
  }

  @Test
  void theTemplateHashIgnoresReplicasButNotTheImage() {
    WorkloadSpec base = Fixtures.spec(1);
    assertThat(base.withReplicas(9).templateHash()).isEqualTo(base.templateHash());
    assertThat(base.toBuilder().image("nginx:2").build().templateHash())
        .isNotEqualTo(base.templateHash());
  }

  @Test
  void initRollsTheWorkloadWhenToggledAndLeavesHashesWithoutItAlone() {
    WorkloadSpec base = Fixtures.spec(1);
    WorkloadSpec off = base.toBuilder().init(false).build();
    WorkloadSpec on = base.toBuilder().init(true).build();
    assertThat(off.init()).isNull();
    assertThat(off.runsInit()).isFalse();
    assertThat(off.templateHash()).isEqualTo(base.templateHash());
    assertThat(on.runsInit()).isTrue();
    assertThat(on.templateHash()).isNotEqualTo(base.templateHash());
  }

  @Test
  void aNestedErrorCarriesTheFullPath() {
    ValidationException e = new ValidationException("memoryMiB", "must be > 0, got -5");
    assertThat(e.under("resources").under("spec").getMessage())
        .isEqualTo("spec.resources.memoryMiB: must be > 0, got -5");
  }

  private static void assertError(Runnable action, String field, String reason) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.reason()).contains(reason);
            });
  }
}
