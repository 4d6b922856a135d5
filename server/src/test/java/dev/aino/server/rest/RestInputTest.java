package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.NotFoundException;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the REST API does with bad input: every refusal is a 400 that names the field path and the
 * reason, lists every refused field under {@code details}, and changes nothing; nothing is coerced.
 */
class RestInputTest {
  @TempDir static Path dataDir;

  private static AinoServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    http = new HttpProbe(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode error(HttpResponse<String> response) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = HttpProbe.json(response).path("error");
    assertThat(error.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    return error;
  }

  private static void assertNotCreated(String name) {
    Assertions.assertThatThrownBy(() -> server.service().workload(name))
        .isInstanceOf(NotFoundException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "float replicas | {\"name\":\"t1\",\"spec\":{\"image\":\"busybox\",\"replicas\":2.5}}"
            + " | spec.replicas: must be a whole number, got 2.5",
        "float cpu | {\"name\":\"t2\",\"spec\":{\"image\":\"busybox\",\"resources\":"
            + "{\"cpuMillis\":1.9}}} | spec.resources.cpuMillis: must be a whole number, got 1.9",
        "enum ordinal | {\"name\":\"t3\",\"spec\":{\"image\":\"busybox\",\"restartPolicy\":1}}"
            + " | spec.restartPolicy: must be one of ALWAYS, ON_FAILURE, NEVER, got 1",
        "numeric name | {\"name\":5,\"spec\":{\"image\":\"busybox\"}} | name: must be a string, got 5",
        "env number | {\"name\":\"t5\",\"spec\":{\"image\":\"busybox\",\"env\":{\"A\":5}}}"
            + " | spec.env.A: must be a string, got 5",
        "typo | {\"name\":\"t6\",\"spec\":{\"image\":\"busybox\",\"replica\":3}}"
            + " | spec.replica: is not a known field; did you mean `replicas`?",
        "duplicate key | {\"name\":\"dup\",\"name\":\"dup2\",\"spec\":{\"image\":\"busybox\"}}"
            + " | name: is given twice in one object; keep one (body, line 1, column 15)",
        "spec as list | {\"name\":\"t8\",\"spec\":[]} | spec: must be an object, got a list",
      })
  void badJsonIsRefusedWithTheFieldPath(String title, String body, String message)
      throws Exception {
    JsonNode error = error(http.postJson("/api/v1/workloads", body));

    assertThat(error.path("message").asText()).isEqualTo(message);
    assertThat(error.path("message").asText()).doesNotContain("LinkedHashMap", "Input", "Cannot");
    assertNotCreated("dup2");
    assertNotCreated("5");
  }

  @Test
  void yamlDuplicateKeysAreRefused() throws Exception {
    JsonNode error =
        error(
            http.send(
                "POST",
                "/api/v1/workloads",
                "application/yaml",
                "name: ydup\nspec:\n  image: busybox\n  replicas: 1\n  replicas: 3\n"));

    assertThat(error.path("message").asText())
        .isEqualTo(
            "spec.replicas: is given twice in one object; keep one (body, line 5, column 3)");
    assertNotCreated("ydup");
  }

  @Test
  void yamlAliasesStandForTheAnchoredValue() throws Exception {
    HttpResponse<String> response =
        http.send(
            "POST",
            "/api/v1/workloads",
            "application/yaml",
            "name: &n alias2\nspec:\n  image: busybox\n  env: {A: *n}\n"
                + "  labels: &l {tier: web}\n  placement: {nodeSelector: *l}\n");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var spec = server.service().workload("alias2").workload().spec();
    assertThat(spec.env()).containsEntry("A", "alias2");
    assertThat(spec.placement().nodeSelector()).containsEntry("tier", "web");
  }

  @Test
  void everyErrorIsListedUnderDetails() throws Exception {
    JsonNode error =
        error(
            http.postJson(
                "/api/v1/workloads",
                "{\"name\":\"Bad_Name\",\"spec\":{\"replicas\":-1,"
                    + "\"resources\":{\"memoryMiB\":-5}}}"));

    assertThat(error.path("details"))
        .extracting(d -> d.path("field").asText())
        .containsExactlyInAnyOrder(
            "name", "spec.image", "spec.replicas", "spec.resources.memoryMiB");
    assertThat(error.path("details").get(3).path("reason").asText()).isNotEmpty();
    assertThat(error.path("message").asText()).startsWith("4 errors:");
  }

  @Test
  void scaleBodiesAreStrict() throws Exception {
    http.postJson("/api/v1/workloads", "{\"name\":\"sc\",\"spec\":{\"image\":\"busybox\"}}");

    assertThat(
            error(http.postJson("/api/v1/workloads/sc/scale", "{\"replicas\":2.5}"))
                .path("message")
                .asText())
        .isEqualTo("replicas: must be a whole number, got 2.5");
    assertThat(
            error(http.postJson("/api/v1/workloads/sc/scale", "{\"replica\":2}"))
                .path("message")
                .asText())
        .isEqualTo("replica: is not a known field; did you mean `replicas`?");
    assertThat(server.service().workload("sc").workload().spec().replicas()).isEqualTo(1);
  }

  @Test
  void aHugeLimitStatesTheRange() throws Exception {
    assertThat(error(http.get("/api/v1/workloads?limit=99999999999999")).path("message").asText())
        .isEqualTo("limit: must be between 1 and 5000, got 99999999999999");
  }

  @Test
  void anUnknownEventKindIsRefused() throws Exception {
    assertThat(error(http.get("/api/v1/events?kind=zzz&name=web")).path("message").asText())
        .isEqualTo("kind: must be one of workload, instance, node, store, got \"zzz\"");
  }

  @Test
  void anOversizedBodyStatesTheLimit() throws Exception {
    String big = "{\"name\":\"big\",\"spec\":{\"image\":\"" + "a".repeat(1_100_000) + "\"}}";
    HttpResponse<String> response = http.postJson("/api/v1/workloads", big);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(HttpProbe.json(response).path("error").path("message").asText())
        .contains("1000000 bytes");
  }
}
