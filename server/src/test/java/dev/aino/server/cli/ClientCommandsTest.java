package dev.aino.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.InstanceFilter;
import dev.aino.api.WorkloadStatus;
import dev.aino.error.NotFoundException;
import dev.aino.json.Json;
import dev.aino.model.WorkloadState;
import dev.aino.server.AinoServer;
import dev.aino.server.Main;
import dev.aino.server.format.Yaml;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs that talk to a server ({@code apply}, {@code get}, {@code ps}, ...) run in process
 * against a real server, as a user types them. The tests share the server and use workloads of
 * their own names.
 */
class ClientCommandsTest {
  @TempDir static Path dataDir;
  @TempDir Path tmp;

  private static AinoServer server;
  private static Map<String, String> env;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    env = Map.of("AINO_SERVER", server.baseUri().toString());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Run(int exitCode, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Run run(Map<String, String> env, InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(env, stdin, new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run aino(String... args) {
    return run(env, InputStream.nullInputStream(), args);
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(tmp.resolve(name), content);
  }

  private static String yaml(String name, int replicas) {
    return "name: "
        + name
        + "\nspec:\n  image: busybox:1.36\n  command: [httpd, -f, -p, \"8080\"]\n  replicas: "
        + replicas
        + "\n  resources: {cpuMillis: 10, memoryMiB: 8}\n";
  }

  private static void awaitReady(String name, int replicas) {
    Await.until(
        name + " to have " + replicas + " ready instances",
        () -> {
          WorkloadStatus s = server.service().workload(name);
          return s.ready() == replicas
              && s.desired() == replicas
              && s.state() == WorkloadState.HEALTHY;
        });
  }

  private static boolean exists(String workload) {
    try {
      server.service().workload(workload);
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** The table row whose first column is {@code key}, split into its cells. */
  private static List<String> row(Run run, String key) {
    return run.outLines().stream()
        .map(line -> List.of(line.trim().split(" {3,}")))
        .filter(cells -> cells.get(0).equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + key + " in:\n" + run.out()));
  }

  @Test
  void applyGetScalePsDelete() throws Exception {
    Path manifest = file("flow.yaml", yaml("flow", 2));

    Run applied = aino("apply", "-f", manifest.toString());
    assertThat(applied.exitCode()).isZero();
    assertThat(applied.outLines()).containsExactly("workload/flow created (generation 1)");
    assertThat(applied.err()).isEmpty();
    awaitReady("flow", 2);

    Run again = aino("apply", "-f", manifest.toString());
    assertThat(again.outLines()).containsExactly("workload/flow unchanged (generation 1)");

    Run workloads = aino("get", "workloads");
    assertThat(workloads.exitCode()).isZero();
    assertThat(workloads.outLines().get(0).split(" +"))
        .containsExactly(
            "NAME", "READY", "RUNNING", "PENDING", "STATE", "MANAGER", "AGE", "MESSAGE");
    assertThat(row(workloads, "flow")).startsWith("flow", "2/2", "2", "0", "Healthy", "local");

    Run scaled = aino("scale", "flow", "3");
    assertThat(scaled.exitCode()).isZero();
    assertThat(scaled.outLines())
        .containsExactly("workload/flow scaled to 3 replicas (generation 2)");
    awaitReady("flow", 3);

    Run ps = aino("ps", "flow");
    assertThat(ps.exitCode()).isZero();
    assertThat(ps.out()).as("the table ends with its line").endsWith(System.lineSeparator());
    assertThat(ps.outLines().get(0).split(" +"))
        .containsExactly("ID", "WORKLOAD", "NODE", "PHASE", "READY", "RESTARTS", "REASON", "AGE");
    List<String> instances = ps.outLines().subList(1, ps.outLines().size());
    assertThat(instances).hasSize(3);
    for (String line : instances) {
      List<String> cells = List.of(line.split(" {3,}"));
      assertThat(cells.get(0)).startsWith("flow-");
      assertThat(cells.subList(1, 6))
          .containsExactly("flow", TestServer.NODE, "Running", "yes", "0");
    }

    Run deleted = aino("delete", "flow");
    assertThat(deleted.exitCode()).isZero();
    assertThat(deleted.outLines())
        .containsExactly("workload/flow deleting (its instances stop, then it is removed)");
    Await.until("flow to be deleted", () -> !exists("flow"));

    Run gone = aino("get", "workloads", "flow");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.errLines()).containsExactly("aino: workload \"flow\" not found");
  }

  @Test
  void topShowsUsageAndAManualScaleOfAnAutoscaledWorkloadIsClamped() throws Exception {
    Path manifest =
        file(
            "hot.yaml",
            "name: hot\nspec:\n  image: busybox:1.36\n  command: [load, cpu=40m, memory=4Mi]\n"
                + "  replicas: 2\n  resources: {cpuMillis: 100, memoryMiB: 8}\n"
                + "  autoscale: {minReplicas: 1, maxReplicas: 3, targetMemoryPercent: 90}\n");
    assertThat(aino("apply", "-f", manifest.toString()).exitCode()).isZero();
    awaitReady("hot", 2);

    Run top =
        Await.value(
            "aino top to show both instances measured",
            () -> {
              Run run = aino("top", "hot");
              return run.outLines().size() == 3 && !run.out().contains(" -   ") ? run : null;
            });
    assertThat(top.outLines().get(0).split(" +"))
        .containsExactly("INSTANCE", "WORKLOAD", "NODE", "CPU", "CPU%", "MEMORY", "MEMORY%");
    for (String line : top.outLines().subList(1, 3)) {
      assertThat(List.of(line.split(" {3,}")).subList(1, 7))
          .containsExactly("hot", TestServer.NODE, "40m", "40%", "4Mi", "50%");
    }
    assertThat(aino("describe", "workload", "hot").out())
        .contains("Autoscale")
        .contains("1 to 3 replicas at 90% memory of the request")
        .contains("40m CPU (40% of request), 4Mi memory (50% of request)");

    Run scaled = aino("scale", "hot", "7");
    assertThat(scaled.exitCode()).isZero();
    assertThat(scaled.outLines())
        .containsExactly(
            "workload/hot scaled to 3 replicas (generation 2)",
            "  not 7: its autoscale policy keeps it at 1 to 3 replicas at 90% memory of the"
                + " request; the autoscaler moves it within those bounds");
    assertThat(aino("delete", "hot").exitCode()).isZero();
  }

  @Test
  void appliesEveryDocumentOfAYamlStream() throws Exception {
    Path stream = file("stream.yaml", yaml("multi-a", 1) + "---\n" + yaml("multi-b", 0) + "---\n");

    Run applied = aino("apply", "-f", stream.toString());

    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.outLines())
        .containsExactly(
            "workload/multi-a created (generation 1)", "workload/multi-b created (generation 1)");

    Files.writeString(stream, yaml("multi-a", 1) + "---\n" + yaml("multi-b", 2));
    assertThat(aino("apply", "-f", stream.toString()).outLines())
        .containsExactly(
            "workload/multi-a unchanged (generation 1)",
            "workload/multi-b configured (generation 2)");
  }

  @Test
  void appliesAJsonListAndStandardInput() throws Exception {
    String one = "{\"name\":\"%s\",\"spec\":{\"image\":\"busybox\",\"replicas\":0}}";
    Path list =
        file(
            "list.json",
            "[" + String.format(one, "json-a") + "," + String.format(one, "json-b") + "]");

    assertThat(aino("apply", "-f", list.toString()).outLines())
        .containsExactly(
            "workload/json-a created (generation 1)", "workload/json-b created (generation 1)");

    byte[] stdin = String.format(one, "from-stdin").getBytes(StandardCharsets.UTF_8);
    Run piped = run(env, new ByteArrayInputStream(stdin), "apply", "-f", "-");
    assertThat(piped.exitCode()).isZero();
    assertThat(piped.outLines()).containsExactly("workload/from-stdin created (generation 1)");
  }

  @Test
  void aBadDocumentAppliesNothingAndNamesFileDocumentAndField() throws Exception {
    String bad = "name: bad-two\nspec:\n  image: busybox\n  resources:\n    memoryMiB: -5\n";
    Path stream = file("bad.yaml", yaml("good-one", 0) + "---\n" + bad);

    Run applied = aino("apply", "-f", stream.toString());

    assertThat(applied.exitCode()).isEqualTo(1);
    assertThat(applied.errLines())
        .containsExactly(
            "aino: " + stream + ", document 2: spec.resources.memoryMiB: must be > 0, got -5");
    assertThat(applied.out()).isEmpty();
    assertThat(exists("good-one")).isFalse();
  }

  @Test
  void unreadableFilesAreOneLine() throws Exception {
    Run missing = aino("apply", "-f", tmp.resolve("none.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.errLines())
        .containsExactly("aino: -f: cannot read " + tmp.resolve("none.yaml") + ": no such file");

    Path text = file("notes.txt", "name: x");
    Run wrongKind = aino("apply", "-f", text.toString());
    assertThat(wrongKind.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: -f: must name a .yaml, .yml or .json file");

    Path broken = file("broken.yaml", "name: x\nspec: [\n");
    Run syntax = aino("apply", "-f", broken.toString());
    assertThat(syntax.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: " + broken + ": is not valid YAML: ")
        .contains("line ");
  }

  @Test
  void theExamplesConverge() throws Exception {
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
    assertThat(examples.resolve("web.yaml")).exists();

    Run plan = aino("plan", "-f", examples.resolve("web.yaml").toString());
    assertThat(plan.exitCode()).isZero();
    assertThat(plan.outLines().get(0))
        .isEqualTo(
            "web would be created: 3 new instances on " + TestServer.NODE + " [generation 1]");
    // Counts, not ids: ids are drawn when apply creates the instances.
    assertThat(plan.outLines().get(1)).isEqualTo("  3 new instances -> " + TestServer.NODE);
    assertThat(exists("web")).isFalse();

    assertThat(aino("apply", "-f", examples.resolve("web.yaml").toString()).outLines())
        .containsExactly("workload/web created (generation 1)");
    assertThat(aino("apply", "-f", examples.resolve("job.yaml").toString()).outLines())
        .containsExactly("workload/job created (generation 1)");
    assertThat(aino("apply", "-f", examples.resolve("hello.yaml").toString()).outLines())
        .containsExactly("workload/hello created (generation 1)");

    awaitReady("web", 3);
    awaitReady("hello", 3);
    Await.until(
        "the job to complete",
        () -> server.service().workload("job").state() == WorkloadState.COMPLETED);
    Run workloads = aino("get", "workloads");
    assertThat(row(workloads, "web")).startsWith("web", "3/3", "3", "0", "Healthy");
    Run wide = aino("ps", "-o", "wide", "web");
    assertThat(wide.outLines().get(0).split(" +"))
        .containsExactly(
            "ID", "WORKLOAD", "NODE", "PHASE", "READY", "RESTARTS", "IP", "PORTS", "REASON", "AGE");
    List<String> replicas = wide.outLines().subList(1, wide.outLines().size());
    assertThat(replicas).hasSize(3);
    for (String line : replicas) {
      List<String> cells = List.of(line.trim().split(" {3,}"));
      assertThat(cells.get(6)).startsWith("10.88.");
      assertThat(cells.get(7)).matches("http \\d{5}->8080/tcp");
    }
    assertThat(aino("describe", "workload", "web").out())
        .contains("Stop grace period:  2s")
        .containsPattern("Init: +aino-init as PID 1 \\(forwards signals, reaps orphans\\)");
    assertThat(row(workloads, "hello")).startsWith("hello", "3/3", "3", "0", "Healthy");
    assertThat(row(workloads, "job")).startsWith("job", "Completed 1/1");

    String jobInstance = server.service().instances(InstanceFilter.ofWorkload("job")).get(0).id();
    Run ps = aino("ps", "job");
    assertThat(ps.out()).isEmpty();
    assertThat(ps.err())
        .isEqualTo("No live instances; 1 ended one left out ('aino ps -a' shows them).\n");
    assertThat(aino("ps").out()).doesNotContain(jobInstance).contains("web-");
    assertThat(row(aino("ps", "-a", "job"), jobInstance)).contains("Succeeded");
    assertThat(row(aino("ps", "--phase", "succeeded"), jobInstance)).contains("Succeeded");
  }

  @Test
  void planSaysWhyAnInstanceCannotBePlaced() throws Exception {
    Path huge =
        file(
            "huge.yaml",
            "name: huge\nspec:\n  image: busybox\n  resources: {cpuMillis: 4000000, memoryMiB: 8}\n");

    Run plan = aino("plan", "-f", huge.toString());

    assertThat(plan.exitCode()).isZero();
    assertThat(plan.outLines().get(0)).startsWith("huge would be created: 1 cannot be placed (");
    assertThat(plan.outLines().get(1)).matches("  1 new instance cannot be placed: .+");
  }

  @Test
  void describeShowsSpecStatusInstancesAndEvents() throws Exception {
    aino("apply", "-f", file("described.yaml", yaml("described", 1)).toString());
    awaitReady("described", 1);

    Run described = aino("describe", "workload", "described");

    assertThat(described.exitCode()).isZero();
    assertThat(described.out())
        .contains(
            "Name:",
            "described",
            "Image:",
            "busybox:1.36",
            "Command:",
            "httpd -f -p 8080",
            "Resources:",
            "10m CPU, 8Mi memory per instance",
            "Replicas:",
            "1 desired, 1 placed, 1 running, 1 ready",
            "State:",
            "Healthy: 1/1 ready",
            "Instances:",
            "Events:",
            "Created",
            "created with 1 replica of busybox:1.36",
            "Stop grace period:",
            "workload/described");
    String instance =
        server.service().instances(InstanceFilter.ofWorkload("described")).get(0).id();
    assertThat(described.out()).contains(instance, "instance/" + instance);

    Run node = aino("describe", "node", TestServer.NODE);
    assertThat(node.exitCode()).isZero();
    assertThat(node.out())
        .contains("Status:", "Ready", "Runtime:", "simulated", "Registered:", "Heartbeat:");
  }

  @Test
  void nodesEventsAndTheClusterSummary() throws Exception {
    Run nodes = aino("get", "nodes");
    assertThat(nodes.outLines().get(0).split(" +"))
        .containsExactly(
            "NAME",
            "STATUS",
            "SCHEDULABLE",
            "CPU",
            "MEMORY",
            "RUNTIME",
            "INSTANCES",
            "AGE",
            "HEARTBEAT");
    assertThat(row(nodes, TestServer.NODE)).startsWith(TestServer.NODE, "Ready", "yes");

    aino("apply", "-f", file("evented.yaml", yaml("evented", 1)).toString());
    Run events = aino("get", "events", "workload/evented");
    assertThat(events.exitCode()).isZero();
    assertThat(events.outLines().get(0).split(" {2,}"))
        .containsExactly("LAST SEEN", "TYPE", "REASON", "OBJECT", "BY", "MESSAGE");
    // First, though the controller may record "Scheduled" before apply records "Created": the
    // event carries the workload's creation time. It names who applied: the CLI marks its
    // requests, and without a token the caller is the local admin.
    List<String> created = List.of(events.outLines().get(1).split(" {3,}"));
    assertThat(created.subList(1, 6))
        .containsExactly(
            "Normal",
            "Created",
            "workload/evented",
            "local via cli",
            "created with 1 replica of busybox:1.36");
    Run byLocal = aino("get", "events", "--by", "local");
    assertThat(byLocal.out()).contains("workload/evented").doesNotContain("Scheduled");
    Run byNobody = aino("get", "events", "--by", "nobody");
    assertThat(byNobody.out()).isEmpty();
    assertThat(byNobody.err()).contains("No events found.");
    Run bareName = aino("get", "events", "evented");
    assertThat(bareName.outLines()).hasSameSizeAs(events.outLines());
    assertThat(bareName.out()).contains("workload/evented").doesNotContain("node/");

    Path tooBig =
        file(
            "toobig.yaml",
            "name: toobig\nspec:\n  image: busybox\n  resources: {cpuMillis: 4000000}\n");
    aino("apply", "-f", tooBig.toString());
    Await.until(
        "toobig to wait for a node",
        () -> server.service().workload("toobig").state() == WorkloadState.PENDING);

    Run cluster = aino("cluster");
    assertThat(cluster.exitCode()).isZero();
    assertThat(cluster.outLines().get(0)).isEqualTo("Nodes:      1 (1 ready and schedulable)");
    assertThat(cluster.out()).contains("CPU:", "Memory:", "Workloads:", "Instances:");
    // One unit on each line: "10m of 4 allocated" read as if 10 of 4 were taken.
    assertThat(cluster.outLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "CPU: +(\\d+m of \\d+m allocated, \\d+m free|\\d+ of \\d+ allocated, \\d+ free)"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "Memory: +(\\d+Mi of \\d+Mi allocated, \\d+Mi free|\\d+Gi of \\d+Gi allocated, \\d+Gi free)"));
    List<String> nodeRow = row(aino("get", "nodes"), TestServer.NODE);
    assertThat(nodeRow.get(3)).matches("\\d+m/\\d+m|\\d+/\\d+");
    assertThat(nodeRow.get(4)).matches("\\d+Mi/\\d+Mi|\\d+Gi/\\d+Gi");
    assertThat(cluster.outLines()).contains("Problems:");
    assertThat(cluster.outLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("  - workload toobig is Pending: 1 instance waits for a node: "));
  }

  @Test
  void nodeVerbsAndRestart() throws Exception {
    aino("apply", "-f", file("moved.yaml", yaml("moved", 1)).toString());
    awaitReady("moved", 1);
    String id = server.service().instances(InstanceFilter.ofWorkload("moved")).get(0).id();

    Run restarted = aino("restart", id);
    assertThat(restarted.exitCode()).isZero();
    assertThat(restarted.outLines())
        .containsExactly("instance/" + id + " restarting (a fresh instance replaces it)");
    awaitReady("moved", 1);

    try {
      assertThat(aino("cordon", TestServer.NODE).outLines())
          .containsExactly("node/" + TestServer.NODE + " cordoned");
      assertThat(row(aino("get", "nodes"), TestServer.NODE)).contains("no (cordoned)");
      Run drained = aino("drain", TestServer.NODE);
      assertThat(drained.exitCode()).isZero();
      assertThat(drained.outLines().get(0))
          .matches("node/" + TestServer.NODE + " drained: cordoned, \\d+ instances stopping");
    } finally {
      assertThat(aino("uncordon", TestServer.NODE).outLines())
          .containsExactly("node/" + TestServer.NODE + " uncordoned");
    }
    awaitReady("moved", 1);
  }

  @Test
  void whatGetPrintsApplyReadsBack() throws Exception {
    String manifest =
        "name: round\nspec:\n  image: busybox:1.36\n  command: [httpd, -f, -p, \"8080\"]\n"
            + "  replicas: 0\n  env: {FLAG: \"true\", PORT: \"8080\", EMPTY: \"\"}\n"
            + "  labels: {tier: web}\n"
            + "  healthCheck: {type: COMMAND, command: [\"true\"]}\n";
    assertThat(aino("apply", "-f", file("round.yaml", manifest).toString()).exitCode()).isZero();

    for (String format : List.of("yaml", "json")) {
      Run printed = aino("get", "workloads", "round", "-o", format);
      assertThat(printed.out()).doesNotContain("port");
      Run applied =
          run(
              env,
              new ByteArrayInputStream(printed.out().getBytes(StandardCharsets.UTF_8)),
              "apply",
              "-f",
              "-");
      assertThat(applied.exitCode()).as(applied.err()).isZero();
      assertThat(applied.outLines()).containsExactly("workload/round unchanged (generation 1)");
    }
    Run all = aino("get", "workloads", "-o", "yaml");
    Run again =
        run(
            env,
            new ByteArrayInputStream(all.out().getBytes(StandardCharsets.UTF_8)),
            "apply",
            "-f",
            "-");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.outLines()).contains("workload/round unchanged (generation 1)");
  }

  @Test
  void applyReportsEveryErrorOfAManifestAtOnce() throws Exception {
    Path bad =
        file("bad.yaml", "name: Bad_Name\nspec:\n  replicas: -1\n  resources: {memoryMiB: -5}\n");

    Run run = aino("apply", "-f", bad.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("aino: " + bad + ": 4 errors:\n")
        .contains("\n  name: must be a DNS-1123 label")
        .contains("\n  spec.image: is required")
        .contains("\n  spec.replicas: must be >= 0, got -1")
        .contains("\n  spec.resources.memoryMiB: must be > 0, got -5");
  }

  @Test
  void applyShowsTheLineOfAYamlSyntaxError() throws Exception {
    Path bad = file("syntax.yaml", "name: s\nspec:\n  image: busybox\n  command: [sh, -c\n");

    Run run = aino("apply", "-f", bad.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("is not valid YAML: expected ',' or ']'")
        .contains("\n    command: [sh, -c\n             ^");
  }

  @Test
  void jsonAndYamlOutputsAreTheServersObjects() throws Exception {
    aino("apply", "-f", file("shaped.yaml", yaml("shaped", 0)).toString());

    Run json = aino("get", "workloads", "shaped", "-o", "json");
    assertThat(json.exitCode()).isZero();
    JsonNode fromJson = Json.mapper().readTree(json.out());
    assertThat(fromJson.path("name").asText()).isEqualTo("shaped");
    assertThat(fromJson.path("status").path("state").asText()).isNotEmpty();

    Run yaml = aino("get", "workloads", "shaped", "--output", "yaml");
    JsonNode fromYaml = Yaml.mapper().readTree(yaml.out());
    assertThat(fromYaml).isEqualTo(fromJson);
    assertThat(fromYaml.path("spec").path("command").get(3).isTextual()).isTrue();

    Run list = aino("ps", "shaped", "-o", "json");
    assertThat(Json.mapper().readTree(list.out()).isArray()).isTrue();
  }

  @Test
  void serverErrorsAreOneLineWithExitCodeOne() {
    Run missing = aino("get", "workloads", "nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.errLines()).containsExactly("aino: workload \"nope\" not found");

    Run negative = aino("scale", "nope", "-3");
    assertThat(negative.exitCode()).isEqualTo(1);
    assertThat(negative.errLines()).containsExactly("aino: replicas: must be >= 0, got -3");

    Run phase = aino("ps", "--phase", "runing");
    assertThat(phase.exitCode()).isEqualTo(1);
    assertThat(phase.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: phase: must be one of PENDING, SCHEDULED");
  }

  @Test
  void usageErrorsHaveExitCodeTwo() {
    Run kind = aino("get", "things");
    assertThat(kind.exitCode()).isEqualTo(2);
    assertThat(kind.errLines())
        .singleElement()
        .asString()
        .contains("KIND: must be one of workloads, instances, nodes, events", "things");

    Run output = aino("get", "workloads", "-o", "xml");
    assertThat(output.exitCode()).isEqualTo(2);
    assertThat(output.err()).contains("--output", "table, wide, json, yaml", "xml");

    Run server = aino("get", "workloads", "--server", "ftp://example");
    assertThat(server.exitCode()).isEqualTo(2);
    assertThat(server.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: --server: must be an http:// or https:// URL");

    Run noFile = aino("apply");
    assertThat(noFile.exitCode()).isEqualTo(2);
    assertThat(noFile.err()).contains("--filename");
  }

  @Test
  void anUnreachableServerSaysWhereAndWhatToDo() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;

    Run run = run(Map.of("AINO_SERVER", url), InputStream.nullInputStream(), "get", "workloads");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.errLines())
        .containsExactly(
            "aino: cannot reach aino at " + url + ": connection refused (is 'aino up' running?)");

    Run flag = aino("ps", "--server", url + "/");
    assertThat(flag.errLines()).containsExactly(run.errLines().get(0));
  }
}
