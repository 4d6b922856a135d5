package dev.aino.server;

import static dev.aino.server.testing.ToolResults.structured;
import static dev.aino.server.testing.ToolResults.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.McpClients;
import dev.aino.server.testing.TestBridge;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.registry.RegistryServer;
import dev.aino.testing.registry.TestImages;
import dev.aino.testing.runc.RuncRoot;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health checks, restarts, a rolling update and logs on real containers: one in-process {@code aino
 * up --runtime auto} (runc on Debian) pulls busybox from a real {@code docker-registry} on
 * loopback, and the tests look at the result through REST, the CLI's {@code Main} and MCP. The
 * simulated runtime's tests cannot show that an HTTP check reaches a real process, that a real exit
 * is seen and backed off, or that a real container's output is what the three surfaces read. Needs
 * root, runc, docker-registry and busybox-static, and fails saying which is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealContainersLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TOKEN = "real-lifecycle-token";
  private static final TestBridge BRIDGE = new TestBridge("l", 212);

  @RegisterExtension static final RegistryServer REGISTRY = new RegistryServer();

  @TempDir static Path tmp;

  private static AinoServer server;
  private static Path dataDir;
  private static HttpProbe api;
  private static RuncRoot runc;
  private static String imageV1;
  private static String imageV2;

  @BeforeAll
  static void start() throws Exception {
    RuncRoot.binary(); // fails first, saying what to install
    REGISTRY.pusher().push("busybox", "1", TestImages.busybox());
    // Same busybox layer, another config: a second tag with its own digest to roll to.
    REGISTRY
        .pusher()
        .push("busybox", "2", TestImages.busyboxBuilder().env("PATH=/bin", "ROLL=2").build());
    imageV1 = REGISTRY.address() + "/busybox:1";
    imageV2 = REGISTRY.address() + "/busybox:2";
    dataDir = tmp.resolve("data");
    server =
        TestServer.start(
            dataDir,
            "lifecycle",
            Map.of("AINO_TOKEN", TOKEN),
            "--runtime",
            "auto",
            "--insecure-registry",
            REGISTRY.address(),
            "--network-bridge",
            BRIDGE.name(),
            "--network-cidr",
            BRIDGE.cidr());
    api = new HttpProbe(server.baseUri(), "Bearer " + TOKEN);
    String runtime = HttpProbe.json(api.get("/healthz")).path("runtime").asText();
    assertThat(runtime).as("runtime on /healthz").matches("(youki|runc|crun) \\S+");
    runc =
        new RuncRoot(
            dataDir.resolve("runtime").resolve(runtime.split(" ")[0]), tmp.resolve("scratch"));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (runc != null) {
        runc.deleteAll();
      }
      for (String point : mountsUnder(dataDir)) {
        new ProcessBuilder("umount", "-l", point).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
      }
      BRIDGE.close();
    }
  }

  /**
   * busybox httpd serves a file the HTTP check asks for; removing the file from the container's
   * root filesystem makes the check fail: the instance goes unready, then is restarted with the
   * reason, and the new container (which writes the file again) is ready again.
   */
  @Test
  @Order(1)
  void anHttpCheckOnBusyboxHttpdMakesItReadyAndItsFailureRestartsIt() throws Exception {
    // Bridged (the default where the CNI plugins are): httpd listens in the container's own
    // namespace, and the check reaches it at the instance's address, as a Kubernetes probe does.
    int port = 8080;
    apply(
        String.join(
            "\n",
            "name: web",
            "spec:",
            "  image: " + imageV1,
            "  command: [sh, -c, 'mkdir -p /tmp/www && echo ok > /tmp/www/ok && exec httpd -f -p "
                + port
                + " -h /tmp/www']",
            "  stopGracePeriodSeconds: 1",
            "  ports: [{name: http, containerPort: " + port + "}]",
            "  resources: {cpuMillis: 100, memoryMiB: 32}",
            "  healthCheck: {type: HTTP, port: "
                + port
                + ", path: /ok, intervalSeconds: 1,"
                + " timeoutSeconds: 1, failureThreshold: 3}",
            ""));
    JsonNode ready = awaitInstances("web", "Running and ready", readyRunning(1)).get(0);
    String id = ready.path("id").asText();
    String container = ready.path("containerId").asText();
    String ip = ready.path("ip").asText();
    assertThat(ready.path("network").asText()).isEqualTo("BRIDGE");
    HttpResponse<String> served =
        new HttpProbe(java.net.URI.create("http://" + ip + ":" + port)).get("/ok");
    assertThat(served.body()).as("what httpd serves on the instance's address").isEqualTo("ok\n");

    Path file = dataDir.resolve("bundles").resolve(id).resolve("rootfs/tmp/www/ok");
    assertThat(file).as("the file in the container's root filesystem").isRegularFile();
    Files.delete(file);

    awaitInstances(
        "web",
        "Running but unready",
        list -> list.size() == 1 && !list.get(0).path("ready").asBoolean());
    JsonNode again =
        awaitInstances(
                "web",
                "restarted in a new container and ready again",
                readyRunning(1)
                    .and(list -> list.get(0).path("restartCount").asInt() == 1)
                    .and(list -> !list.get(0).path("containerId").asText().equals(container)))
            .get(0);
    assertThat(again.path("id").asText()).as("restarted in place").isEqualTo(id);
    assertThat(events(id))
        .anySatisfy(
            e ->
                assertThat(e)
                    .isEqualTo(
                        "Unhealthy: health check failed 3 times in a row (HTTP GET"
                            + " http://"
                            + ip
                            + ":"
                            + port
                            + "/ok returned 404); restarting container "
                            + container));
    deleteAndAwait("web");
  }

  /** A container that exits 1 is restarted after a back-off that grows, run after run. */
  @Test
  @Order(2)
  void aContainerThatExitsOneIsRestartedWithAGrowingBackOff() throws Exception {
    apply(
        String.join(
            "\n",
            "name: crash",
            "spec:",
            "  image: " + imageV1,
            "  command: [sh, -c, 'echo crashing; exit 1']",
            "  resources: {cpuMillis: 100, memoryMiB: 32}",
            ""));
    List<String> reasons = new CopyOnWriteArrayList<>();
    JsonNode crashed =
        awaitInstances(
                "crash",
                "restarted twice",
                list -> {
                  list.forEach(i -> reasons.add(i.path("reason").asText()));
                  return list.size() == 1 && list.get(0).path("restartCount").asInt() >= 2;
                })
            .get(0);
    assertThat(reasons).as("reasons seen while polling").contains("CrashLoopBackOff");
    String id = crashed.path("id").asText();
    // Events of one reason are folded into one with a count and the latest message.
    JsonNode backOff =
        awaitEvent(
            id,
            "the second back-off, twice as long as the first",
            e ->
                e.path("reason").asText().equals("BackOff")
                    && e.path("count").asInt() >= 2
                    && e.path("message")
                        .asText()
                        .matches("back-off (2|4|8)s restarting failed container .*"));
    assertThat(backOff.path("type").asText()).isEqualTo("WARNING");
    assertThat(events(id))
        .anySatisfy(e -> assertThat(e).matches("Exited: container \\S+ ended: exit code 1"));
    deleteAndAwait("crash");
  }

  /**
   * Rolling from one tag to another with maxSurge 1 and maxUnavailable 0: sampled all through the
   * roll, two instances are always ready and never more than three run at once.
   */
  @Test
  @Order(3)
  void aRollingImageUpdateReplacesInstancesOneAtATimeAndKeepsTwoReady() throws Exception {
    apply(rolling(imageV1));
    List<JsonNode> before = awaitInstances("roll", "two ready", readyRunning(2));

    List<int[]> samples = new CopyOnWriteArrayList<>();
    AtomicBoolean sampling = new AtomicBoolean(true);
    CompletableFuture<Void> sampler =
        CompletableFuture.runAsync(
            () -> {
              while (sampling.get()) {
                try {
                  List<JsonNode> now = instances("roll");
                  int ready = readyCount(now);
                  int run =
                      (int)
                          now.stream()
                              .filter(i -> i.path("desired").asText().equals("RUN"))
                              .count();
                  samples.add(new int[] {ready, run});
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            });
    apply(rolling(imageV2));
    List<JsonNode> after =
        awaitInstances(
                "roll",
                "rolled to the new image, the old instances stopped",
                list ->
                    readyCount(list) == 2
                        && list.stream()
                            .allMatch(
                                i ->
                                    i.path("desired").asText().equals("RUN")
                                        ? i.path("generation").asLong() == 2
                                        : i.path("phase").asText().equals("TERMINATED")))
            .stream()
            .filter(i -> i.path("desired").asText().equals("RUN"))
            .toList();
    sampling.set(false);
    sampler.get(10, TimeUnit.SECONDS);
    assertThat(samples).as("samples during the roll").hasSizeGreaterThan(5);
    assertThat(samples.stream().mapToInt(s -> s[0]).min().orElseThrow())
        .as("fewest ready instances seen during the roll")
        .isGreaterThanOrEqualTo(2);
    assertThat(samples.stream().mapToInt(s -> s[1]).max().orElseThrow())
        .as("most instances to run seen during the roll (replicas + maxSurge)")
        .isEqualTo(3);
    assertThat(after).as("instances to run after the roll").hasSize(2);
    assertThat(after)
        .extracting(i -> i.path("id").asText())
        .as("all replaced")
        .doesNotContainAnyElementsOf(before.stream().map(i -> i.path("id").asText()).toList());
    assertThat(events(after.get(0).path("id").asText()))
        .contains("Starting: starting a container from image " + imageV2);
    deleteAndAwait("roll");
  }

  /** A real container's output through REST, {@code aino logs -f} and MCP get_logs. */
  @Test
  @Order(4)
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aRealContainersLogsReadThroughRestCliAndMcp() throws Exception {
    apply(
        String.join(
            "\n",
            "name: talk",
            "spec:",
            "  image: " + imageV1,
            "  command: [sh, -c, 'echo first line; echo to stderr >&2; while [ ! -f /tmp/go ];"
                + " do sleep 0.2; done; echo known last line']",
            "  restartPolicy: NEVER",
            "  resources: {cpuMillis: 100, memoryMiB: 32}",
            ""));
    JsonNode running = awaitInstances("talk", "Running", all("RUNNING", 1)).get(0);
    String id = running.path("id").asText();

    JsonNode logs =
        awaitJson(
            "/api/v1/instances/" + id + "/logs",
            "both first lines",
            body -> body.path("lines").size() == 2);
    assertThat(logs.path("containerId").asText()).isEqualTo(running.path("containerId").asText());
    assertThat(StreamSupport.stream(logs.path("lines").spliterator(), false).toList())
        .extracting(l -> l.path("stream").asText() + " " + l.path("text").asText())
        // stdout and stderr are read from two files: lines written together may swap places.
        .containsExactlyInAnyOrder("STDOUT first line", "STDERR to stderr");

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> followed =
        CompletableFuture.supplyAsync(
            () ->
                Main.run(
                    Map.of("AINO_SERVER", server.baseUri().toString(), "AINO_TOKEN", TOKEN),
                    InputStream.nullInputStream(),
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "logs",
                    "-f",
                    id));
    await("aino logs -f to print the first line", () -> out.toString().contains("first line"));
    assertThat(out.toString()).doesNotContain("known last line");
    // The container waits for this file: a line written only after the follow began.
    Files.writeString(dataDir.resolve("bundles").resolve(id).resolve("rootfs/tmp/go"), "");
    await("aino logs -f to print the known line", () -> out.toString().contains("known last line"));
    assertThat(followed.get(30, TimeUnit.SECONDS))
        .as("the follow ends with the container; stderr: %s", err)
        .isZero();
    assertThat(out.toString().lines()).containsSubsequence("first line", "known last line");

    try (McpSyncClient mcp = McpClients.streamableHttp(server.baseUri(), TOKEN).build()) {
      mcp.initialize();
      CallToolResult result = mcp.callTool(new CallToolRequest("get_logs", Map.of("id", id)));
      assertThat(result.isError()).as(text(result)).isFalse();
      assertThat(text(result)).contains("first line", "[stderr] to stderr", "known last line");
      assertThat(structured(result)).containsEntry("node", "lifecycle");
    }
    deleteAndAwait("talk");
  }

  private static String rolling(String image) {
    return String.join(
        "\n",
        "name: roll",
        "spec:",
        "  image: " + image,
        "  command: [sh, -c, 'trap \"exit 0\" TERM; while true; do sleep 1; done']",
        "  replicas: 2",
        "  update: {maxSurge: 1, maxUnavailable: 0}",
        "  resources: {cpuMillis: 100, memoryMiB: 32}",
        "");
  }

  /**
   * {@code examples/web.yaml} as a user runs it (only its image is the loopback registry's
   * busybox): three replicas on this one node, each on its own address and its own node port, all
   * listed by the endpoints API; after the delete no network namespace, iptables rule or host-local
   * lease of theirs is left.
   */
  @Test
  @Order(5)
  void theWebExampleRunsThreeReachableReplicasAndLeavesNoNetworkBehind() throws Exception {
    String example = Files.readString(Path.of("..", "examples", "web.yaml"));
    assertThat(example).contains("replicas: 3");
    apply(example.replaceFirst("(?m)^  image: .*$", "  image: " + imageV1));
    try {
      runWebExample();
    } finally {
      // A failure above leaves no replica (and no network) for the rest of the class.
      api.send("DELETE", "/api/v1/workloads/web");
      await("workload web is gone", () -> api.get("/api/v1/workloads/web").statusCode() == 404);
    }
  }

  private void runWebExample() throws Exception {
    // The example's command check runs every 10 s; three starts on a busy machine take a while.
    List<JsonNode> ready =
        awaitInstances(
            "web", "three replicas Running and ready", readyRunning(3), Duration.ofSeconds(120));
    List<String> containers = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    for (JsonNode instance : ready) {
      String ip = instance.path("ip").asText();
      int hostPort = instance.path("ports").get(0).path("hostPort").asInt();
      assertThat(new HttpProbe(java.net.URI.create("http://" + ip + ":8080")).get("/").body())
          .as("replica %s on its own address", instance.path("id").asText())
          .isEqualTo("hello from aino\n");
      assertThat(new HttpProbe(java.net.URI.create("http://127.0.0.1:" + hostPort)).get("/").body())
          .as("replica %s on its node port", instance.path("id").asText())
          .isEqualTo("hello from aino\n");
      containers.add(instance.path("containerId").asText());
      ips.add(ip);
    }
    assertThat(ips).doesNotHaveDuplicates();
    JsonNode endpoints = HttpProbe.json(api.get("/api/v1/workloads/web/endpoints"));
    assertThat(endpoints.path("items"))
        .extracting(e -> e.path("ip").asText())
        .containsExactlyInAnyOrderElementsOf(ips);
    Path leases = dataDir.resolve("cni").resolve("aino");
    assertThat(leases.resolve(ips.get(0))).as("the check below sees a lease").exists();

    deleteAndAwait("web");

    String namespaces = host("ip", "netns", "list");
    String rules = host("iptables-save");
    for (String container : containers) {
      assertThat(namespaces).as("network namespaces").doesNotContain(container);
      assertThat(rules).as("iptables rules").doesNotContain(container);
    }
    for (String ip : ips) {
      assertThat(leases.resolve(ip)).as("host-local lease").doesNotExist();
      // The firewall plugin's rules name the address only.
      assertThat(rules).as("iptables rules").doesNotContain(ip + "/32");
    }
  }

  /** What a host command prints (stdout and stderr). */
  private static String host(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("%s ends", List.of(argv)).isTrue();
    return out;
  }

  private static void apply(String manifest) throws Exception {
    HttpResponse<String> response =
        api.send("POST", "/api/v1/workloads", "application/yaml", manifest);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static void deleteAndAwait(String workload) throws Exception {
    HttpResponse<String> response = api.send("DELETE", "/api/v1/workloads/" + workload);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    await(
        "workload " + workload + " is gone",
        () -> api.get("/api/v1/workloads/" + workload).statusCode() == 404);
  }

  private static List<JsonNode> instances(String workload) throws Exception {
    HttpResponse<String> response = api.get("/api/v1/instances?workload=" + workload);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    HttpProbe.json(response).path("items").forEach(items::add);
    return items;
  }

  /** Instances to run and running ready; those being stopped are not counted as available. */
  private static int readyCount(List<JsonNode> list) {
    return (int)
        list.stream()
            .filter(i -> i.path("desired").asText().equals("RUN"))
            .filter(i -> i.path("phase").asText().equals("RUNNING"))
            .filter(i -> i.path("ready").asBoolean())
            .count();
  }

  private static Predicate<List<JsonNode>> all(String phase, int count) {
    return list ->
        list.size() == count && list.stream().allMatch(i -> i.path("phase").asText().equals(phase));
  }

  private static Predicate<List<JsonNode>> readyRunning(int count) {
    return list -> list.size() == count && readyCount(list) == count;
  }

  private static JsonNode awaitEvent(String instanceId, String what, Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    JsonNode last;
    do {
      last = HttpProbe.json(api.get("/api/v1/events?kind=instance&name=" + instanceId));
      for (JsonNode event : last.path("items")) {
        if (done.test(event)) {
          return event;
        }
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return fail("no event of %s: %s within %s: %s", instanceId, what, WAIT, last);
  }

  private static List<JsonNode> awaitInstances(
      String workload, String what, Predicate<List<JsonNode>> done) throws Exception {
    return awaitInstances(workload, what, done, WAIT);
  }

  private static List<JsonNode> awaitInstances(
      String workload, String what, Predicate<List<JsonNode>> done, Duration wait)
      throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    List<JsonNode> last = List.of();
    while (System.nanoTime() < deadline) {
      last = instances(workload);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(50);
    }
    return fail(
        "instances of %s not %s within %s: %s%nevents: %s",
        workload, what, wait, last, api.get("/api/v1/events").body());
  }

  private static JsonNode awaitJson(String path, String what, Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    HttpResponse<String> last;
    do {
      last = api.get(path);
      if (last.statusCode() == 200 && done.test(HttpProbe.json(last))) {
        return HttpProbe.json(last);
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return fail("%s did not answer %s within %s: %s", path, what, WAIT, last.body());
  }

  /** An instance's events as {@code Reason: message}. */
  private static List<String> events(String instanceId) throws Exception {
    HttpResponse<String> response = api.get("/api/v1/events?kind=instance&name=" + instanceId);
    return StreamSupport.stream(HttpProbe.json(response).path("items").spliterator(), false)
        .map(e -> e.path("reason").asText() + ": " + e.path("message").asText())
        .toList();
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void await(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        fail("not within %s: %s", WAIT, what);
      }
      Thread.sleep(50);
    }
  }

  /** Mount points at or below {@code dir}, from {@code /proc/self/mountinfo}. */
  private static List<String> mountsUnder(Path dir) throws java.io.IOException {
    if (dir == null) {
      return List.of();
    }
    String prefix = dir.toAbsolutePath().toString();
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" ")[4])
        .filter(point -> point.equals(prefix) || point.startsWith(prefix + "/"))
        .toList();
  }
}
