package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.ApplyOutcome;
import dev.aino.api.InstanceFilter;
import dev.aino.api.PageRequest;
import dev.aino.api.WorkloadStatus;
import dev.aino.model.InstancePhase;
import dev.aino.model.WorkloadState;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST API v1 against a real server in process: every route, its answers and its errors. The tests
 * share one server, so each uses workloads of its own names.
 */
class RestApiTest {
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

  private static String manifest(String name, int replicas) {
    return "{\"name\":\""
        + name
        + "\",\"spec\":{\"image\":\"busybox:1.36\",\"command\":[\"httpd\",\"-f\"],"
        + "\"replicas\":"
        + replicas
        + ",\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8}}}";
  }

  private static JsonNode body(HttpResponse<String> response) throws IOException {
    return HttpProbe.json(response);
  }

  private static String errorMessage(HttpResponse<String> response) throws IOException {
    return body(response).path("error").path("message").asText();
  }

  private static WorkloadStatus awaitReady(String name, int replicas) {
    return Await.value(
        name + " to have " + replicas + " ready instances",
        () -> {
          WorkloadStatus s = server.service().workload(name);
          return s.ready() == replicas && s.state() == WorkloadState.HEALTHY ? s : null;
        });
  }

  @Test
  void applyCreatesAWorkloadThatConvergesToRunning() throws Exception {
    HttpResponse<String> created = http.postJson("/api/v1/workloads", manifest("conv", 2));

    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.headers().firstValue(ApplyOutcome.HEADER)).hasValue("created");
    JsonNode status = body(created);
    assertThat(status.path("workload").path("name").asText()).isEqualTo("conv");
    assertThat(status.path("workload").path("generation").asLong()).isEqualTo(1);
    assertThat(status.path("desired").asInt()).isEqualTo(2);

    awaitReady("conv", 2);
    JsonNode read = body(http.get("/api/v1/workloads/conv"));
    assertThat(read.path("state").asText()).isEqualTo("Healthy");
    assertThat(read.path("running").asInt()).isEqualTo(2);
    JsonNode instances = body(http.get("/api/v1/instances?workload=conv&phase=running"));
    assertThat(instances.path("items")).hasSize(2);
    for (JsonNode i : instances.path("items")) {
      assertThat(i.path("phase").asText()).isEqualTo("RUNNING");
      assertThat(i.path("node").asText()).isEqualTo(TestServer.NODE);
    }
  }

  @Test
  void applyTellsCreatedConfiguredAndUnchanged() throws Exception {
    http.postJson("/api/v1/workloads", manifest("gen", 1));

    HttpResponse<String> same = http.postJson("/api/v1/workloads", manifest("gen", 1));
    assertThat(same.headers().firstValue(ApplyOutcome.HEADER)).hasValue("unchanged");
    assertThat(body(same).path("workload").path("generation").asLong()).isEqualTo(1);

    HttpResponse<String> changed = http.postJson("/api/v1/workloads", manifest("gen", 2));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue(ApplyOutcome.HEADER)).hasValue("configured");
    assertThat(body(changed).path("workload").path("generation").asLong()).isEqualTo(2);
  }

  /**
   * Twenty clients apply one name at once, each with its own replica count. Reading the workload
   * before and after the apply made several answers say "created" and show another request's spec;
   * the apply's own result cannot.
   */
  @Test
  void concurrentAppliesOfOneNameEachReportWhatTheyWrote() throws Exception {
    int clients = 20;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int replicas = 0; replicas < clients; replicas++) {
        String manifest = manifest("race", replicas);
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return http.postJson("/api/v1/workloads", manifest);
                }));
      }
      start.countDown();
      List<String> outcomes = new ArrayList<>();
      Set<Long> writtenGenerations = new HashSet<>();
      for (int replicas = 0; replicas < clients; replicas++) {
        HttpResponse<String> answer = answers.get(replicas).get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String outcome = answer.headers().firstValue(ApplyOutcome.HEADER).orElseThrow();
        outcomes.add(outcome);
        JsonNode workload = body(answer).path("workload");
        assertThat(workload.path("spec").path("replicas").asInt())
            .as("the body of the request for %d replicas", replicas)
            .isEqualTo(replicas);
        if (!outcome.equals("unchanged")) {
          assertThat(writtenGenerations.add(workload.path("generation").asLong()))
              .as("each write has a generation of its own")
              .isTrue();
        }
      }
      assertThat(outcomes).filteredOn("created"::equals).hasSize(1);
      long configured = outcomes.stream().filter("configured"::equals).count();
      assertThat(server.service().workload("race").workload().generation())
          .as("one generation per created or configured answer")
          .isEqualTo(1 + configured);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void acceptsYamlBodies() throws Exception {
    String yaml =
        "name: yaml-app\n"
            + "spec:\n"
            + "  image: busybox:1.36\n"
            + "  command: [sleep, infinity]\n"
            + "  replicas: 1\n"
            + "  restartPolicy: ON_FAILURE\n";

    HttpResponse<String> response =
        http.send("POST", "/api/v1/workloads", "application/yaml", yaml);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode spec = body(response).path("workload").path("spec");
    assertThat(spec.path("restartPolicy").asText()).isEqualTo("ON_FAILURE");
    assertThat(spec.path("command").get(1).asText()).isEqualTo("infinity");
  }

  @Test
  void aBadManifestIsA400NamingTheField() throws Exception {
    String negative =
        "{\"name\":\"bad\",\"spec\":{\"image\":\"busybox\",\"resources\":{\"memoryMiB\":-5}}}";

    HttpResponse<String> response = http.postJson("/api/v1/workloads", negative);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(errorMessage(response)).isEqualTo("spec.resources.memoryMiB: must be > 0, got -5");
    assertThat(http.get("/api/v1/workloads/bad").statusCode()).isEqualTo(404);
  }

  @Test
  void hostDirectoriesAsImagesAreRefusedWithoutTheOption() throws Exception {
    for (String image : List.of("rootfs:/", "oci:/etc")) {
      String manifest = "{\"name\":\"host\",\"spec\":{\"image\":\"" + image + "\"}}";
      for (String path : List.of("/api/v1/workloads", "/api/v1/workloads?dryRun=true")) {
        HttpResponse<String> response = http.postJson(path, manifest);

        assertThat(response.statusCode()).as(image + " " + path).isEqualTo(400);
        assertThat(body(response).path("error").path("code").asText())
            .isEqualTo("INVALID_ARGUMENT");
        assertThat(errorMessage(response))
            .startsWith("spec.image: " + image.substring(0, image.indexOf(':') + 1) + " images")
            .contains("start the server with --allow-local-images DIR");
      }
    }
    assertThat(http.get("/api/v1/workloads/host").statusCode()).isEqualTo(404);
  }

  @Test
  void aWrongTypeNamesTheFieldAndWhatItMustBe() throws Exception {
    HttpResponse<String> response =
        http.postJson(
            "/api/v1/workloads",
            "{\"name\":\"typo\",\"spec\":{\"image\":\"busybox\",\"replicas\":\"three\"}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorMessage(response)).startsWith("spec.replicas: must be a whole number");
  }

  @Test
  void malformedBodiesSayWhereWithoutAStackTrace() throws Exception {
    HttpResponse<String> json =
        http.postJson("/api/v1/workloads", "{\"name\": \"x\", \"spec\": {\"image\": }");
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(errorMessage(json)).startsWith("body: is not valid JSON: ").contains("(line 1,");

    HttpResponse<String> yaml =
        http.send("POST", "/api/v1/workloads", "application/yaml", "name: x\nspec: [\n  a: b\n");
    assertThat(yaml.statusCode()).isEqualTo(400);
    assertThat(errorMessage(yaml)).startsWith("body: is not valid YAML: ").contains("(line ");

    HttpResponse<String> twoDocuments =
        http.send("POST", "/api/v1/workloads", "application/yaml", "name: a\n---\nname: b\n");
    assertThat(errorMessage(twoDocuments)).isEqualTo("body: holds 2 documents; expected one");

    HttpResponse<String> empty = http.postJson("/api/v1/workloads", "");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(errorMessage(empty)).startsWith("body: is empty");

    HttpResponse<String> notAnObject = http.postJson("/api/v1/workloads", "[1, 2]");
    assertThat(notAnObject.statusCode()).isEqualTo(400);
    assertThat(errorMessage(notAnObject)).contains("must be an object");

    for (HttpResponse<String> r : List.of(json, yaml, twoDocuments, empty, notAnObject)) {
      assertThat(r.body()).doesNotContain("\tat ", "Exception", "com.fasterxml");
    }
  }

  @Test
  void anUnsupportedContentTypeIsA415NamingIt() throws Exception {
    HttpResponse<String> response =
        http.send("POST", "/api/v1/workloads", "text/plain", manifest("plain", 1));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(errorMessage(response))
        .startsWith("Content-Type: must be application/json or application/yaml")
        .contains("text/plain");
  }

  @Test
  void aDryRunReturnsThePlanAndWritesNothing() throws Exception {
    HttpResponse<String> response =
        http.postJson("/api/v1/workloads?dryRun=true", manifest("dry", 2));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode plan = body(response);
    assertThat(plan.path("workload").asText()).isEqualTo("dry");
    assertThat(plan.path("action").asText()).isEqualTo("created");
    assertThat(plan.path("generation").asLong()).isEqualTo(1);
    // Counted by node: the ids of instances that do not exist yet would be ids that never exist.
    assertThat(plan.path("placements")).hasSize(1);
    JsonNode placed = plan.path("placements").get(0);
    assertThat(placed.path("node").asText()).isEqualTo(TestServer.NODE);
    assertThat(placed.path("instances").asInt()).isEqualTo(2);
    assertThat(placed.has("instanceId")).isFalse();
    assertThat(plan.path("summary").asText())
        .startsWith("dry would be created: 2 new instances on");
    assertThat(http.get("/api/v1/workloads/dry").statusCode()).isEqualTo(404);

    HttpResponse<String> badFlag =
        http.postJson("/api/v1/workloads?dryRun=maybe", manifest("dry", 2));
    assertThat(badFlag.statusCode()).isEqualTo(400);
    assertThat(errorMessage(badFlag)).startsWith("dryRun: must be true or false");
  }

  @Test
  void aDryRunSaysWhyAnInstanceCannotBePlaced() throws Exception {
    String huge =
        "{\"name\":\"huge\",\"spec\":{\"image\":\"busybox\","
            + "\"resources\":{\"cpuMillis\":4000000,\"memoryMiB\":8}}}";

    JsonNode plan = body(http.postJson("/api/v1/workloads?dryRun=true", huge));

    JsonNode placement = plan.path("placements").get(0);
    assertThat(placement.has("node")).isFalse();
    assertThat(placement.path("reason").asText()).isNotBlank();
    assertThat(placement.path("instances").asInt()).isEqualTo(1);
    assertThat(plan.path("summary").asText()).contains("cannot be placed");
  }

  @Test
  void statsOfARunningInstanceAndA409ForOneThatDoesNotRun() throws Exception {
    String stuck =
        "{\"name\":\"stuck\",\"spec\":{\"image\":\"busybox\","
            + "\"resources\":{\"cpuMillis\":4000000,\"memoryMiB\":8}}}";
    assertThat(http.postJson("/api/v1/workloads", stuck).statusCode()).isEqualTo(200);
    String pending =
        Await.value(
            "the instance of stuck",
            () ->
                server.service().instances(InstanceFilter.ofWorkload("stuck")).stream()
                    .findFirst()
                    .map(i -> i.id())
                    .orElse(null));

    HttpResponse<String> refused = http.get("/api/v1/instances/" + pending + "/stats");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(body(refused).path("error").path("code").asText()).isEqualTo("FAILED_PRECONDITION");
    assertThat(errorMessage(refused)).contains(pending).contains("not running");
    assertThat(http.get("/api/v1/instances/nope-abc12/stats").statusCode()).isEqualTo(404);
    http.send("DELETE", "/api/v1/workloads/stuck");

    assertThat(http.postJson("/api/v1/workloads", manifest("measured", 1)).statusCode())
        .isEqualTo(200);
    awaitReady("measured", 1);
    String running = server.service().instances(InstanceFilter.ofWorkload("measured")).get(0).id();
    JsonNode stats = body(http.get("/api/v1/instances/" + running + "/stats"));
    assertThat(stats.path("instance").asText()).isEqualTo(running);
    assertThat(stats.path("workload").asText()).isEqualTo("measured");
    assertThat(stats.path("request").path("cpuMillis").asLong()).isEqualTo(10);
    assertThat(stats.has("cpuPercent")).isTrue();
    assertThat(stats.path("memoryBytes").asLong()).isPositive();
    http.send("DELETE", "/api/v1/workloads/measured");
    Await.until(
        "stuck and measured to be gone",
        () ->
            server.store().workloads().stream()
                .map(w -> w.name())
                .noneMatch(n -> n.equals("stuck") || n.equals("measured")));
  }

  @Test
  void putTakesTheNameFromThePath() throws Exception {
    String withoutName = "{\"spec\":{\"image\":\"busybox\",\"replicas\":0}}";

    HttpResponse<String> put =
        http.send("PUT", "/api/v1/workloads/by-path", "application/json", withoutName);

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(body(put).path("workload").path("name").asText()).isEqualTo("by-path");
    assertThat(put.headers().firstValue(ApplyOutcome.HEADER)).hasValue("created");

    HttpResponse<String> same =
        http.send("PUT", "/api/v1/workloads/by-path", "application/json", manifest("by-path", 0));
    assertThat(same.statusCode()).isEqualTo(200);
  }

  @Test
  void putRefusesANameThatDiffersFromThePath() throws Exception {
    HttpResponse<String> put =
        http.send("PUT", "/api/v1/workloads/one", "application/json", manifest("other", 1));

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(errorMessage(put))
        .isEqualTo("name: must match the name in the path (\"one\"), got \"other\"");
    assertThat(http.get("/api/v1/workloads/one").statusCode()).isEqualTo(404);
    assertThat(http.get("/api/v1/workloads/other").statusCode()).isEqualTo(404);
  }

  @Test
  void scaleSetsTheReplicaCount() throws Exception {
    http.postJson("/api/v1/workloads", manifest("scaled", 1));

    HttpResponse<String> scaled =
        http.postJson("/api/v1/workloads/scaled/scale", "{\"replicas\": 3}");

    assertThat(scaled.statusCode()).isEqualTo(200);
    assertThat(body(scaled).path("desired").asInt()).isEqualTo(3);
    assertThat(body(scaled).path("workload").path("generation").asLong()).isEqualTo(2);
    awaitReady("scaled", 3);

    HttpResponse<String> missing = http.postJson("/api/v1/workloads/scaled/scale", "{}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(errorMessage(missing)).startsWith("replicas: is required");

    HttpResponse<String> negative =
        http.postJson("/api/v1/workloads/scaled/scale", "{\"replicas\": -1}");
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(errorMessage(negative)).isEqualTo("replicas: must be >= 0, got -1");

    HttpResponse<String> unknown =
        http.postJson("/api/v1/workloads/no-such/scale", "{\"replicas\": 1}");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void unknownObjectsAre404s() throws Exception {
    HttpResponse<String> workload = http.get("/api/v1/workloads/nope");
    assertThat(workload.statusCode()).isEqualTo(404);
    assertThat(body(workload).path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(errorMessage(workload)).isEqualTo("workload \"nope\" not found");

    assertThat(http.get("/api/v1/instances/nope-abc12").statusCode()).isEqualTo(404);
    assertThat(http.send("POST", "/api/v1/instances/nope-abc12/restart").statusCode())
        .isEqualTo(404);
    assertThat(http.get("/api/v1/nodes/nope").statusCode()).isEqualTo(404);
    assertThat(http.send("POST", "/api/v1/nodes/nope/cordon").statusCode()).isEqualTo(404);
    assertThat(http.send("DELETE", "/api/v1/workloads/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownRouteIsA404InTheErrorShape() throws Exception {
    HttpResponse<String> response = http.get("/api/v1/nothing-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(body(response).path("error").path("code").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void instancesFilterByWorkloadNodeAndPhase() throws Exception {
    http.postJson("/api/v1/workloads", manifest("filtered", 2));
    awaitReady("filtered", 2);

    JsonNode byWorkload = body(http.get("/api/v1/instances?workload=filtered"));
    assertThat(byWorkload.path("items")).hasSize(2);
    assertThat(byWorkload.path("total").asInt()).isEqualTo(2);
    assertThat(byWorkload.has("nextCursor")).isFalse();
    byWorkload
        .path("items")
        .forEach(i -> assertThat(i.path("workload").asText()).isEqualTo("filtered"));

    JsonNode onNode = body(http.get("/api/v1/instances?node=" + TestServer.NODE));
    assertThat(onNode.path("items").size()).isGreaterThanOrEqualTo(2);
    JsonNode onOther = body(http.get("/api/v1/instances?node=elsewhere"));
    assertThat(onOther.path("items")).isEmpty();

    JsonNode pending = body(http.get("/api/v1/instances?workload=filtered&phase=Pending"));
    assertThat(pending.path("items")).isEmpty();

    String id = byWorkload.path("items").get(0).path("id").asText();
    JsonNode one = body(http.get("/api/v1/instances/" + id));
    assertThat(one.path("id").asText()).isEqualTo(id);
    assertThat(one.path("phase").asText()).isEqualTo("RUNNING");
  }

  @Test
  void anInvalidPhaseListsTheValidOnes() throws Exception {
    HttpResponse<String> response = http.get("/api/v1/instances?phase=runing");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(errorMessage(response))
        .isEqualTo(
            "phase: must be one of PENDING, SCHEDULED, STARTING, RUNNING, SUCCEEDED, FAILED,"
                + " LOST, TERMINATED, got \"runing\"");
  }

  @Test
  void restartStopsTheInstanceAndItsWorkloadReplacesIt() throws Exception {
    http.postJson("/api/v1/workloads", manifest("restarted", 1));
    awaitReady("restarted", 1);
    String id = server.service().instances(InstanceFilter.ofWorkload("restarted")).get(0).id();

    HttpResponse<String> restarted = http.send("POST", "/api/v1/instances/" + id + "/restart");

    assertThat(restarted.statusCode()).isEqualTo(200);
    assertThat(body(restarted).path("desired").asText()).isEqualTo("STOP");
    Await.until(
        "a fresh instance to replace " + id,
        () ->
            server.service().instances(InstanceFilter.ofWorkload("restarted")).stream()
                .anyMatch(i -> !i.id().equals(id) && i.phase() == InstancePhase.RUNNING));
  }

  @Test
  void nodesCanBeListedCordonedUncordonedAndDrained() throws Exception {
    JsonNode nodes = body(http.get("/api/v1/nodes"));
    assertThat(nodes.path("items")).hasSize(1);
    JsonNode node = nodes.path("items").get(0);
    assertThat(node.path("node").path("name").asText()).isEqualTo(TestServer.NODE);
    assertThat(node.path("node").path("status").asText()).isEqualTo("READY");
    assertThat(node.path("node").path("runtime").path("name").asText()).isEqualTo("simulated");
    assertThat(node.has("allocated")).isTrue();
    assertThat(
            body(http.get("/api/v1/nodes/" + TestServer.NODE)).path("node").path("name").asText())
        .isEqualTo(TestServer.NODE);

    http.postJson("/api/v1/workloads", manifest("drained", 1));
    awaitReady("drained", 1);
    try {
      HttpResponse<String> cordoned = http.send("POST", "/api/v1/nodes/test-node/cordon");
      assertThat(cordoned.statusCode()).isEqualTo(200);
      assertThat(body(cordoned).path("schedulable").asBoolean()).isFalse();

      HttpResponse<String> drained = http.send("POST", "/api/v1/nodes/test-node/drain");
      assertThat(drained.statusCode()).isEqualTo(200);
      assertThat(body(drained).path("node").path("schedulable").asBoolean()).isFalse();
      assertThat(body(drained).path("stopping").asInt()).isGreaterThanOrEqualTo(1);
    } finally {
      HttpResponse<String> uncordoned = http.send("POST", "/api/v1/nodes/test-node/uncordon");
      assertThat(uncordoned.statusCode()).isEqualTo(200);
      assertThat(body(uncordoned).path("schedulable").asBoolean()).isTrue();
    }
    awaitReady("drained", 1);
  }

  @Test
  void theClusterSummaryCountsNodesWorkloadsAndProblems() throws Exception {
    http.postJson("/api/v1/workloads", manifest("counted", 1));
    awaitReady("counted", 1);

    JsonNode cluster = body(http.get("/api/v1/cluster"));

    assertThat(cluster.path("nodes").asInt()).isEqualTo(1);
    assertThat(cluster.path("readyNodes").asInt()).isEqualTo(1);
    assertThat(cluster.path("workloads").asInt()).isPositive();
    assertThat(cluster.path("instancesByPhase").path("RUNNING").asInt()).isPositive();
    assertThat(cluster.path("allocatable").path("cpuMillis").asLong()).isPositive();
    assertThat(cluster.path("problems").isArray()).isTrue();
  }

  @Test
  void eventsOfOneObjectOrAllNewestFirst() throws Exception {
    http.postJson("/api/v1/workloads", manifest("evented", 1));
    awaitReady("evented", 1);

    JsonNode mine = body(http.get("/api/v1/events?kind=workload&name=evented"));
    assertThat(mine.path("items")).isNotEmpty();
    List<String> reasons = new ArrayList<>();
    for (JsonNode e : mine.path("items")) {
      assertThat(e.path("object").path("kind").asText()).isEqualTo("workload");
      assertThat(e.path("object").path("name").asText()).isEqualTo("evented");
      reasons.add(e.path("reason").asText());
    }
    assertThat(reasons.get(reasons.size() - 1)).isEqualTo("Created");

    JsonNode all = body(http.get("/api/v1/events"));
    List<String> lastSeen = new ArrayList<>();
    all.path("items").forEach(e -> lastSeen.add(e.path("lastSeen").asText()));
    assertThat(lastSeen)
        .isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));

    JsonNode newest = body(http.get("/api/v1/events?limit=1"));
    assertThat(newest.path("items")).hasSize(1);
    assertThat(newest.path("total").asInt()).isGreaterThan(1);
    assertThat(newest.path("items").get(0).path("lastSeen").asText()).isEqualTo(lastSeen.get(0));
    JsonNode older =
        body(http.get("/api/v1/events?limit=1&cursor=" + newest.path("nextCursor").asText()));
    assertThat(older.path("items").get(0).path("lastSeen").asText()).isEqualTo(lastSeen.get(1));
  }

  @Test
  void eventFiltersNeedBothKindAndName() throws Exception {
    HttpResponse<String> kindOnly = http.get("/api/v1/events?kind=workload");
    assertThat(kindOnly.statusCode()).isEqualTo(400);
    assertThat(errorMessage(kindOnly)).startsWith("name: is required with kind");

    HttpResponse<String> nameOnly = http.get("/api/v1/events?name=web");
    assertThat(nameOnly.statusCode()).isEqualTo(400);
    assertThat(errorMessage(nameOnly)).startsWith("kind: is required with name");
  }

  @Test
  void listsComeInPagesWithACursor() throws Exception {
    for (String name : List.of("page-a", "page-b", "page-c")) {
      http.postJson("/api/v1/workloads", manifest(name, 0));
    }
    int total = server.service().workloads(PageRequest.first(1)).total();

    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          body(http.get("/api/v1/workloads?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
      assertThat(page.path("items").size()).isLessThanOrEqualTo(2);
      assertThat(page.path("total").asInt()).isEqualTo(total);
      page.path("items").forEach(s -> order.add(s.path("workload").path("name").asText()));
      cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 100);

    seen.addAll(order);
    assertThat(order).hasSize(total).doesNotHaveDuplicates().isSorted();
    assertThat(seen).contains("page-a", "page-b", "page-c");
  }

  @Test
  void aLimitOutOfRangeIsRefused() throws Exception {
    for (String limit : List.of("0", "5001", "many", "99999999999999")) {
      HttpResponse<String> response = http.get("/api/v1/workloads?limit=" + limit);
      assertThat(response.statusCode()).as("limit=" + limit).isEqualTo(400);
      assertThat(errorMessage(response)).startsWith("limit: ").contains("between 1 and 5000");
    }
    HttpResponse<String> foreign = http.get("/api/v1/workloads?cursor=page-a");
    assertThat(foreign.statusCode()).isEqualTo(400);
    assertThat(errorMessage(foreign)).startsWith("cursor: is not a cursor from this server");
    assertThat(http.get("/api/v1/workloads?limit=5000").statusCode()).isEqualTo(200);
  }

  @Test
  void aWorkloadListsAsItsStatus() throws Exception {
    http.postJson("/api/v1/workloads", manifest("listed", 1));
    awaitReady("listed", 1);

    JsonNode list = body(http.get("/api/v1/workloads"));

    JsonNode listed = null;
    for (JsonNode s : list.path("items")) {
      if (s.path("workload").path("name").asText().equals("listed")) {
        listed = s;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("ready").asInt()).isEqualTo(1);
    assertThat(listed.path("desired").asInt()).isEqualTo(1);
    assertThat(listed.path("state").asText()).isEqualTo("Healthy");
    assertThat(listed.path("workload").path("spec").path("resources").has("zero")).isFalse();
  }
}
