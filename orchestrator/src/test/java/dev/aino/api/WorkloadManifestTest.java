package dev.aino.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import dev.aino.model.NetworkMode;
import dev.aino.model.PortSpec;
import dev.aino.model.Protocol;
import dev.aino.model.RestartPolicy;
import dev.aino.model.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void initIsReadAndPrintedBackOnlyWhenSet() throws Exception {
    WorkloadManifest withInit =
        WorkloadManifest.parse(
            json("{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"init\":true}}"));
    assertThat(withInit.toSpec().runsInit()).isTrue();
    assertThat(
            Json.tree(WorkloadManifest.of("web", withInit.toSpec())).at("/spec/init").asBoolean())
        .isTrue();
    WorkloadManifest without =
        WorkloadManifest.parse(
            json("{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"init\":false}}"));
    assertThat(without.toSpec().runsInit()).isFalse();
    assertThat(Json.tree(WorkloadManifest.of("web", without.toSpec())).path("spec").has("init"))
        .isFalse();
    assertError("{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"init\":\"yes\"}}", "spec.init");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "replicas 2.5 | \"replicas\":2.5 | spec.replicas: must be a whole number, got 2.5",
        "replicas -0.5 | \"replicas\":-0.5 | spec.replicas: must be a whole number, got -0.5",
        "replicas as text | \"replicas\":\"3\" | spec.replicas: must be a whole number, got the"
            + " string \"3\"",
        "cpu 1.9 | \"resources\":{\"cpuMillis\":1.9} | spec.resources.cpuMillis: must be a whole"
            + " number, got 1.9",
        "enum ordinal | \"restartPolicy\":1 | spec.restartPolicy: must be one of ALWAYS,"
            + " ON_FAILURE, NEVER, got 1",
        "env number | \"env\":{\"A\":5} | spec.env.A: must be a string, got 5",
        "env null | \"env\":{\"A\":null} | spec.env.A: must be a string",
        "command number | \"command\":[\"sleep\",5] | spec.command[1]: must be a string, got 5",
        "command text | \"command\":\"sleep 5\" | spec.command: must be a list of strings, got the"
            + " string \"sleep 5\"",
        "resources list | \"resources\":[] | spec.resources: must be an object, got a list",
        "env list | \"env\":[\"A=1\"] | spec.env: must be an object whose values are strings, got"
            + " a list",
      })
  void wrongTypesAreRefusedNotCoerced(String title, String field, String message) {
    assertError("{\"name\":\"web\",\"spec\":{\"image\":\"nginx\"," + field + "}}", message);
  }

  @Test
  void aNameMustBeAString() {
    assertError("{\"name\":5,\"spec\":{\"image\":\"nginx\"}}", "name: must be a string, got 5");
    assertError(
        "{\"name\":true,\"spec\":{\"image\":\"nginx\"}}", "name: must be a string, got true");
  }

  @Test
  void messagesNameNoJavaType() {
    assertThatThrownBy(() -> WorkloadManifest.parse(json("{\"name\":\"web\",\"spec\":[1]}")))
        .hasMessage("spec: must be an object, got a list");
    assertThatThrownBy(
            () ->
                WorkloadManifest.parse(
                    json("{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"labels\":[]}}")))
        .hasMessage("spec.labels: must be an object whose values are strings, got a list");
  }

  @Test
  void unknownFieldsAreRefusedWithTheNearestKnownName() {
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"replica\":3}}",
        "spec.replica: is not a known field; did you mean `replicas`?");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"resources\":{\"memory\":64}}}",
        "spec.resources.memory: is not a known field; did you mean `memoryMiB`?");
    assertError(
        "{\"name\":\"web\",\"spce\":{\"image\":\"nginx\"}}",
        "spce: is not a known field; did you mean `spec`?");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"zzzzzz\":1}}",
        "spec.zzzzzz: is not a known field; the fields here are image, command, args, env,");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"healthCheck\":"
            + "{\"type\":\"TCP\",\"prot\":80}}}",
        "spec.healthCheck.prot: is not a known field; did you mean `port`?");
  }

  @Test
  void everyErrorOfAManifestIsReportedAtOnce() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () ->
                WorkloadManifest.parse(
                    json(
                        "{\"name\":\"Bad_Name\",\"spec\":{\"replicas\":-1,"
                            + "\"resources\":{\"memoryMiB\":-5}}}")));

    assertThat(e.errors())
        .extracting(ValidationException.FieldError::field)
        .containsExactlyInAnyOrder(
            "name", "spec.image", "spec.replicas", "spec.resources.memoryMiB");
    assertThat(e.getMessage())
        .startsWith("4 errors:\n  name: must be a DNS-1123 label")
        .contains("\n  spec.image: is required")
        .contains("\n  spec.replicas: must be >= 0, got -1")
        .contains("\n  spec.resources.memoryMiB: must be > 0, got -5");
  }

  @Test
  void everyWrongTypeAndUnknownFieldIsReportedAtOnce() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () ->
                WorkloadManifest.parse(
                    json(
                        "{\"name\":5,\"spec\":{\"image\":\"nginx\",\"replica\":3,"
                            + "\"replicas\":2.5,\"env\":{\"A\":true}}}")));

    assertThat(e.errors())
        .extracting(ValidationException.FieldError::field)
        .containsExactlyInAnyOrder("name", "spec.replica", "spec.replicas", "spec.env.A");
  }

  @Test
  void memoryOverTheLimitNamesTheResourcesPath() {
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"resources\":"
            + "{\"memoryMiB\":999999999999999999}}}",
        "spec.resources.memoryMiB: must be <= 67108864, got 999999999999999999");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"resources\":"
            + "{\"cpuMillis\":999999999999999999}}}",
        "spec.resources.cpuMillis: must be <= 4096000, got 999999999999999999");
  }

  @Test
  void labelsAreBoundedAsKubernetesBoundsThem() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 65; i++) {
      many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"labels\":{" + many + "}}}",
        "spec.labels: must hold at most 64 labels, got 65");
    String longName = "a".repeat(64);
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"labels\":{\"" + longName + "\":\"v\"}}}",
        "must be a label key");
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      big.append(i == 0 ? "" : ",")
          .append("\"")
          .append("x".repeat(200))
          .append(i)
          .append(".example.com/k\":\"")
          .append("v".repeat(63))
          .append("\"");
    }
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"labels\":{" + big + "}}}",
        "spec.labels: must total at most 16384 characters of keys and values");
  }

  @Test
  void aStatusPrintedByGetIsIgnored() throws Exception {
    WorkloadManifest m =
        WorkloadManifest.parse(
            json(
                "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\"},"
                    + "\"status\":{\"generation\":3,\"state\":\"Healthy\"}}"));
    assertThat(m.name()).isEqualTo("web");
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

  @Test
  void everyPortErrorIsReportedAtOnceWithItsPath() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () ->
                WorkloadManifest.parse(
                    json(
                        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"network\":\"HOST\","
                            + "\"ports\":[{\"name\":\"Http\",\"containerPort\":0},"
                            + "{\"name\":\"a\",\"containerPort\":80,\"hostPort\":70000},"
                            + "{\"name\":\"b\",\"containerPort\":81,\"hostPort\":8081},"
                            + "{\"name\":\"b\",\"containerPort\":81,\"protocol\":\"SCTP\"},"
                            + "{\"name\":\"c\",\"containerPort\":\"82\"}]}}")));

    assertThat(e.errors())
        .extracting(ValidationException.FieldError::field)
        .containsExactlyInAnyOrder(
            "spec.ports[0].name",
            "spec.ports[0].containerPort",
            "spec.ports[1].hostPort",
            "spec.ports[3].protocol",
            "spec.ports[4].containerPort");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"ports\":["
            + "{\"name\":\"a\",\"containerPort\":80},{\"name\":\"a\",\"containerPort\":80}]}}",
        "spec.ports[1].name: duplicate port name \"a\"");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"ports\":["
            + "{\"name\":\"a\",\"containerPort\":80},{\"name\":\"b\",\"containerPort\":80}]}}",
        "spec.ports[1].containerPort: TCP 80 is already spec.ports[0]");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"network\":\"HOST\",\"ports\":["
            + "{\"name\":\"b\",\"containerPort\":81,\"hostPort\":8081}]}}",
        "spec.ports[0].hostPort: must equal containerPort 81 with network HOST");
    assertError(
        "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"network\":\"bridge\"}}",
        "spec.network: must be one of BRIDGE, HOST");
  }

  @Test
  void networkAndPortsRoundTripAndChangeTheTemplate() throws Exception {
    WorkloadManifest m =
        WorkloadManifest.parse(
            json(
                "{\"name\":\"web\",\"spec\":{\"image\":\"nginx\",\"network\":\"BRIDGE\","
                    + "\"ports\":[{\"name\":\"http\",\"containerPort\":8080},"
                    + "{\"name\":\"dns\",\"containerPort\":53,\"hostPort\":5353,"
                    + "\"protocol\":\"UDP\"}]}}"));
    WorkloadSpec spec = m.toSpec();
    assertThat(spec.network()).isEqualTo(NetworkMode.BRIDGE);
    assertThat(spec.ports())
        .containsExactly(
            new PortSpec("http", 8080, null, Protocol.TCP),
            new PortSpec("dns", 53, 5353, Protocol.UDP));
    assertThat(WorkloadManifest.parse(Json.tree(WorkloadManifest.of("web", spec))).toSpec())
        .isEqualTo(spec);
    WorkloadSpec plain = WorkloadSpec.builder("nginx").build();
    assertThat(spec.templateHash()).isNotEqualTo(plain.templateHash());
    // A spec without network or ports keeps the hash it had before either existed.
    assertThat(plain.templateHash()).isEqualTo(plain.toBuilder().build().templateHash());
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
