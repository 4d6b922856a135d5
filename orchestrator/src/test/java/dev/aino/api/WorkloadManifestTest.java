package dev.aino.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import dev.aino.model.RestartPolicy;
import dev.aino.model.WorkloadSpec;
import org.junit.jupiter.api.Test;

class WorkloadManifestTest {
  @Test
  void omittedFieldsTakeDefaults() throws Exception {
    WorkloadManifest m =
        WorkloadManifest.parse(json("{\"name\":\"web\",\"spec\":{\"image\":\"nginx\"}}"));
    WorkloadSpec spec = m.toSpec();
    assertThat(spec.replicas()).isEqualTo(1);
    assertThat(spec.restartPolicy()).isEqualTo(RestartPolicy.ALWAYS);
    assertThat(spec.resources().cpuMillis()).isEqualTo(100);
    assertThat(spec.imageReference().repository()).isEqualTo("library/nginx");
  }

  @Test
  void errorsNameTheFullFieldPath() {
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"resources\":{\"memoryMiB\":-5}}}",
        "spec.resources.memoryMiB: must be > 0, got -5");
    assertError(
        "{\"name\":\"Web_1\",\"spec\":{\"image\":\"nginx\"}}", "name: must be a DNS-1123 label");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"replicas\":20000}}",
        "spec.replicas: must be <= 10000, got 20000");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"restartPolicy\":\"SOMETIMES\"}}",
        "spec.restartPolicy: must be one of ALWAYS, ON_FAILURE, NEVER");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"Bad Image!\"}}", "spec.image: has a malformed");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"env\":{\"1X\":\"a\"}}}",
        "spec.env.1X: must be a variable name");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"healthCheck\":{\"type\":\"HTTP\"}}}",
        "spec.healthCheck.port: must be > 0, got 0");
    assertError("{\"name\":\"web\"}", "spec: is required");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"stopGracePeriodSeconds\":3601}}",
        "spec.stopGracePeriodSeconds: must be <= 3600, got 3601");
  }

  @Test
  void theStopGracePeriodIsReadAndKeptOrLeftToTheNode() throws Exception {
    WorkloadManifest quick =
        WorkloadManifest.parse(
            json("{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"stopGracePeriodSeconds\":0}}"));
    assertThat(quick.toSpec().stopGracePeriodSeconds()).isZero();
    assertThat(
            Json.tree(WorkloadManifest.of("web", quick.toSpec()))
                .path("spec")
                .path("stopGracePeriodSeconds")
                .asInt(-1))
        .isZero();
    WorkloadManifest unset =
        WorkloadManifest.parse(json("{\"name\":\"web\",\"spec\":{\"image\":\"nginx\"}}"));
    assertThat(unset.toSpec().stopGracePeriodSeconds()).isNull();
  }

  @Test
  void aSpecRoundTrips() {
    WorkloadSpec spec =
        WorkloadSpec.builder("127.0.0.1:5000/busybox:1.36")
            .command("sleep", "9")
            .replicas(4)
            .build();
    JsonNode tree = Json.tree(WorkloadManifest.of("web", spec));
    assertThat(WorkloadManifest.parse(tree).toSpec()).isEqualTo(spec);
  }

  private static void assertError(String doc, String message) {
    assertThatThrownBy(() -> WorkloadManifest.parse(json(doc)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(message);
  }

  private static JsonNode json(String s) throws Exception {
    return Json.mapper().readTree(s);
  }
}
