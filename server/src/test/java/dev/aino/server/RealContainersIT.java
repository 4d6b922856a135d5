package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.server.testing.AinoJar;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestBridge;
import dev.aino.testing.registry.RegistryServer;
import dev.aino.testing.registry.TestImages;
import dev.aino.testing.runc.RuncRoot;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real containers end to end: the fat jar's {@code aino up} with its default runtime ({@code auto},
 * runc on Debian) pulls busybox from a real {@code docker-registry} on loopback and runs it; the
 * tests drive it with the {@code aino} CLI and REST, and look at the result with {@code runc --root
 * <data-dir>/runtime/<runtime> list}, the instances' log files and the mount table. Needs root,
 * runc, docker-registry and busybox-static, and fails saying which is missing.
 */
class RealContainersIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String HELLO = "hello from a real container";

  /**
   * Prints a line, then sleeps until SIGTERM. PID 1 of a container ignores signals it has no
   * handler for, so the trap is what lets a delete end it at once instead of after the grace
   * period.
   */
  private static final List<String> LONG_RUNNING =
      List.of("sh", "-c", "trap 'exit 0' TERM; echo " + HELLO + "; while true; do sleep 1; done");

  @RegisterExtension static final RegistryServer REGISTRY = new RegistryServer();

  @TempDir static Path tmp;

  private static Process aino;
  private static Path log;
  private static Path dataDir;
  private static HttpProbe api;
  private static Map<String, String> cliEnv;
  private static RuncRoot runc;
  private static AinoJar jar;
  private static String image;
  private static final TestBridge BRIDGE = new TestBridge("i", 211);

  @BeforeAll
  static void startAino() throws Exception {
    jar = AinoJar.find();
    RuncRoot.binary(); // fails first, saying what to install
    REGISTRY.pusher().push("busybox", "1", TestImages.busybox());
    image = REGISTRY.address() + "/busybox:1";
    int port = AinoJar.freeLoopbackPort();
    dataDir = tmp.resolve("data");
    log = tmp.resolve("aino.log");
    List<String> args =
        new ArrayList<>(
            List.of(
                "up",
                "--runtime",
                "auto",
                "--insecure-registry",
                REGISTRY.address(),
                "--data-dir",
                dataDir.toString(),
                "--port",
                Integer.toString(port),
                "--node-name",
                "e2e"));
    args.addAll(BRIDGE.args());
    aino = jar.launch(log, Map.of(), args.toArray(String[]::new));
    api = new HttpProbe(AinoJar.loopback(port));
    JsonNode health = HttpProbe.json(AinoJar.awaitHealthy(aino, api, log));
    // e.g. "runc 1.1.5+ds1": auto found an OCI runtime and reports its version.
    String runtime = health.path("runtime").asText();
    assertThat(runtime).as("runtime on /healthz").matches("(youki|runc|crun) \\S+");
    // The fat jar carries libc's bindings (JNA's native part): overlays are mounted by mount(2).
    assertThat(AinoJar.readQuietly(log)).contains("root filesystems by overlay (mount(2))");
    String binary = runtime.split(" ")[0];
    runc = new RuncRoot(dataDir.resolve("runtime").resolve(binary), tmp.resolve("scratch"));
    cliEnv = Map.of("AINO_SERVER", AinoJar.loopback(port).toString());
  }

  /** SIGTERM stops aino cleanly; it leaves no container behind once its workloads are gone. */
  @AfterAll
  static void stopAino() throws Exception {
    if (aino == null || runc == null) {
      if (aino != null) {
        AinoJar.stopForcibly(aino);
      }
      return;
    }
    try {
      aino.destroy();
      assertThat(aino.waitFor(20, TimeUnit.SECONDS))
          .as("aino stops within 20 s of SIGTERM; log:%n%s", AinoJar.readQuietly(log))
          .isTrue();
      assertThat(aino.exitValue()).as("exit code after SIGTERM").isZero();
      assertThat(runc.list()).as("containers left under the runtime root").isEmpty();
      assertThat(mountsUnder(dataDir)).as("mounts left under the data dir").isEmpty();
    } finally {
      AinoJar.stopForcibly(aino);
      cleanUp();
    }
  }

  @Test
  void twoReplicasRunAsContainersAndDeleteRemovesContainersBundlesAndMounts() throws Exception {
    Path manifest = tmp.resolve("e2e.yaml");
    Files.writeString(manifest, manifest("e2e", image, 2, "ALWAYS"));

    AinoJar.Finished apply = cli("apply", "-f", manifest.toString());
    assertThat(apply.output())
        .as("exit code %d", apply.exitCode())
        .contains("workload/e2e created");

    List<JsonNode> running = awaitInstances("e2e", "both replicas Running", all("RUNNING", 2));
    Set<String> containerIds = field(running, "containerId");
    List<RuncRoot.Container> listed = runc.list();
    assertThat(listed).as("runc list").allMatch(c -> c.status().equals("running"));
    assertThat(listed.stream().map(RuncRoot.Container::id).toList())
        .as("runc list")
        .containsExactlyInAnyOrderElementsOf(containerIds);
    for (JsonNode instance : running) {
      Path containerLog = bundle(instance).resolve("container.log");
      await(
          "the log of " + instance.path("id").asText() + " holds " + HELLO,
          () ->
              Files.isRegularFile(containerLog) && Files.readString(containerLog).contains(HELLO));
    }

    AinoJar.Finished delete = cli("delete", "e2e");
    assertThat(delete.exitCode()).as(delete.output()).isZero();

    await("workload e2e is gone", () -> api.get("/api/v1/workloads/e2e").statusCode() == 404);
    assertThat(runc.list())
        .as("runc list")
        .extracting(RuncRoot.Container::id)
        .doesNotContainAnyElementsOf(containerIds);
    for (JsonNode instance : running) {
      assertThat(bundle(instance)).as("bundle").doesNotExist();
    }
    assertThat(mountsUnder(dataDir.resolve("bundles"))).as("overlay mounts").isEmpty();
  }

  @Test
  void aContainerKilledFromOutsideIsRestartedAfterABackOff() throws Exception {
    apply(manifest("crash", image, 1, "ALWAYS"));
    JsonNode first = awaitInstances("crash", "Running", all("RUNNING", 1)).get(0);
    String id = first.path("id").asText();
    String container = first.path("containerId").asText();

    Instant killedAt = Instant.now();
    killInit(container);

    JsonNode restarted =
        awaitInstances(
                "crash",
                "restarted once and Running in a new container",
                all("RUNNING", 1)
                    .and(list -> list.get(0).path("restartCount").asInt() == 1)
                    .and(list -> !list.get(0).path("containerId").asText().equals(container)))
            .get(0);
    assertThat(restarted.path("id").asText()).as("restarted in place").isEqualTo(id);
    Instant restartedAt = Instant.parse(restarted.path("startedAt").asText());
    assertThat(Duration.between(killedAt, restartedAt))
        .as("the first back-off is 1 s")
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(events(id))
        .anySatisfy(
            e ->
                assertThat(e)
                    .startsWith("Exited: container " + container)
                    .contains("killed by signal 9 (exit code 137)"))
        .anySatisfy(e -> assertThat(e).startsWith("BackOff: back-off 1s restarting failed"));
    assertThat(runningContainers()).contains(restarted.path("containerId").asText());

    deleteAndAwait("crash");
  }

  @Test
  void underRestartPolicyNeverAKilledContainerStaysFailed() throws Exception {
    apply(manifest("once", image, 1, "NEVER"));
    // A twin under ALWAYS, killed at the same moment, shows when a restart would have happened.
    apply(manifest("twin", image, 1, "ALWAYS"));
    JsonNode first = awaitInstances("once", "Running", all("RUNNING", 1)).get(0);
    JsonNode twin = awaitInstances("twin", "Running", all("RUNNING", 1)).get(0);

    killInit(first.path("containerId").asText());
    killInit(twin.path("containerId").asText());

    JsonNode failed = awaitInstances("once", "Failed", all("FAILED", 1)).get(0);
    assertThat(failed.path("exitCode").asInt()).isEqualTo(137);
    assertThat(failed.path("restartCount").asInt()).isZero();
    awaitInstances(
        "twin",
        "restarted after its back-off",
        all("RUNNING", 1).and(list -> list.get(0).path("restartCount").asInt() == 1));
    List<JsonNode> later = instances("once");
    assertThat(later).as("not replaced either").hasSize(1);
    assertThat(later.get(0).path("phase").asText()).isEqualTo("FAILED");
    assertThat(later.get(0).path("restartCount").asInt()).isZero();
    assertThat(runningContainers()).doesNotContain(first.path("containerId").asText());

    deleteAndAwait("once");
    deleteAndAwait("twin");
  }

  @Test
  void aBadImageAndAnUnreachableRegistryAreNamedOnTheInstance() throws Exception {
    String missing = REGISTRY.address() + "/nope:latest";
    String closedRegistry = "127.0.0.1:" + AinoJar.freeLoopbackPort();
    String unreachable = closedRegistry + "/busybox:1";
    apply(manifest("nope", missing, 1, "NEVER"));
    apply(manifest("away", unreachable, 1, "NEVER"));

    JsonNode nope = awaitInstances("nope", "Failed", all("FAILED", 1)).get(0);
    JsonNode away = awaitInstances("away", "Failed", all("FAILED", 1)).get(0);

    assertThat(nope.path("reason").asText()).isEqualTo("ImagePullFailed");
    assertThat(nope.path("message").asText()).contains("manifest unknown", missing);
    assertThat(away.path("reason").asText()).isEqualTo("ImagePullFailed");
    assertThat(away.path("message").asText())
        .isEqualTo("cannot reach registry " + closedRegistry + " (connection refused)");

    AinoJar.Finished table = cli("get", "instances");
    assertThat(table.output())
        .as("exit code %d", table.exitCode())
        .containsPattern(nope.path("id").asText() + " .* Failed .*ImagePullFailed")
        .containsPattern(away.path("id").asText() + " .* Failed .*ImagePullFailed");
    AinoJar.Finished yaml = cli("get", "instances", nope.path("id").asText(), "-o", "yaml");
    assertThat(yaml.output()).contains("reason: ImagePullFailed", "manifest unknown");
    System.out.println(table.output() + nope.path("message") + "\n" + away.path("message"));

    deleteAndAwait("nope");
    deleteAndAwait("away");
  }

  private static String manifest(String name, String image, int replicas, String restartPolicy) {
    StringBuilder command = new StringBuilder();
    for (String word : LONG_RUNNING) {
      command
          .append(command.length() == 0 ? "" : ", ")
          .append('\'')
          .append(word.replace("'", "''"))
          .append('\'');
    }
    return String.join(
        "\n",
        "name: " + name,
        "spec:",
        "  image: " + image,
        "  command: [" + command + "]",
        "  replicas: " + replicas,
        "  restartPolicy: " + restartPolicy,
        "  resources:",
        "    cpuMillis: 100",
        "    memoryMiB: 32",
        "");
  }

  private static AinoJar.Finished cli(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, "cli", ".log");
    return jar.run(out, cliEnv, args);
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

  /** SIGKILL to the container's init, found with {@code runc state}, as an outside crash. */
  private static void killInit(String containerId) {
    long pid = runc.initPid(containerId);
    assertThat(pid).as("pid of %s", containerId).isPositive();
    ProcessHandle init =
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid));
    assertThat(init.destroyForcibly()).as("SIGKILL to %d", pid).isTrue();
  }

  private static List<JsonNode> instances(String workload) throws Exception {
    HttpResponse<String> response = api.get("/api/v1/instances?workload=" + workload);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    HttpProbe.json(response).path("items").forEach(items::add);
    return items;
  }

  private static Predicate<List<JsonNode>> all(String phase, int count) {
    return list ->
        list.size() == count && list.stream().allMatch(i -> i.path("phase").asText().equals(phase));
  }

  private static List<JsonNode> awaitInstances(
      String workload, String what, Predicate<List<JsonNode>> done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> last = List.of();
    while (System.nanoTime() < deadline) {
      last = instances(workload);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    return fail(
        "instances of %s not %s within %s: %s%nevents: %s%naino log:%n%s",
        workload, what, WAIT, last, api.get("/api/v1/events").body(), AinoJar.readQuietly(log));
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
        fail("not within %s: %s; aino log:%n%s", WAIT, what, AinoJar.readQuietly(log));
      }
      Thread.sleep(100);
    }
  }

  private static Set<String> field(List<JsonNode> instances, String name) {
    return instances.stream().map(i -> i.path(name).asText()).collect(Collectors.toSet());
  }

  private static Set<String> runningContainers() {
    return runc.list().stream()
        .filter(c -> c.status().equals("running"))
        .map(RuncRoot.Container::id)
        .collect(Collectors.toSet());
  }

  private static Path bundle(JsonNode instance) {
    return dataDir.resolve("bundles").resolve(instance.path("id").asText());
  }

  /** Mount points at or below {@code dir}, from {@code /proc/self/mountinfo}. */
  private static List<String> mountsUnder(Path dir) throws IOException {
    String prefix = dir.toAbsolutePath().toString();
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(line -> line.split(" ")[4])
        .filter(point -> point.equals(prefix) || point.startsWith(prefix + "/"))
        .toList();
  }

  /** What a failed test may have left: containers by id under our root, then our mounts. */
  private static void cleanUp() throws IOException, InterruptedException {
    try {
      runc.deleteAll();
      for (String point : mountsUnder(dataDir)) {
        new ProcessBuilder("umount", "-l", point).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      BRIDGE.close();
    }
  }
}
