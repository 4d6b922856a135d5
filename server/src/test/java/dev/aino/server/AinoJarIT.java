package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.server.testing.HttpProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar as a user runs it: {@code java -jar server/target/aino.jar ...} in its own process.
 * Runs in {@code mvn verify}, after {@code package} has built the jar.
 */
class AinoJarIT {
  private static final Duration START_LIMIT = Duration.ofSeconds(15);
  private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

  private static Path jar;

  @TempDir Path tmp;

  @BeforeAll
  static void findJar() {
    jar = Path.of(System.getProperty("aino.jar", "target/aino.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      fail(jar + " is missing: build it with 'mvn package -pl server -am' (mvn verify does)");
    }
  }

  private Process launch(Path log, String... args) throws IOException {
    return launch(log, Map.of(), args);
  }

  private Process launch(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("AINO_TOKEN");
    builder.environment().remove("AINO_SERVER");
    builder.environment().putAll(env);
    return builder.redirectOutput(log.toFile()).start();
  }

  /**
   * {@code aino up --store memory --data-dir <tmp>/data --runtime simulated} plus {@code extra}.
   */
  private Process launchUp(Path log, String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "up",
                "--store",
                "memory",
                "--data-dir",
                tmp.resolve("data").toString(),
                "--runtime",
                "simulated"));
    args.addAll(List.of(extra));
    return launch(log, args.toArray(String[]::new));
  }

  @Test
  void upAnswersHealthzThenStopsCleanlyOnSigterm() throws Exception {
    int port = freeLoopbackPort();
    Path log = tmp.resolve("aino.log");
    Process aino = launchUp(log, "--port", Integer.toString(port));
    try {
      Instant launched = aino.info().startInstant().orElseGet(Instant::now);
      HttpProbe probe = new HttpProbe(URI.create("http://127.0.0.1:" + port));
      HttpResponse<String> health = awaitHealthy(aino, probe, log);
      long startMillis = Duration.between(launched, Instant.now()).toMillis();
      System.out.printf(
          "aino.jar: process start to first /healthz 200 in %d ms (target < 3000 ms)%n",
          startMillis);

      assertThat(startMillis).isLessThan(START_LIMIT.toMillis());
      JsonNode body = HttpProbe.json(health);
      assertThat(body.path("status").asText()).isEqualTo("ok");
      assertThat(body.path("store").path("backend").asText()).isEqualTo("memory");
      assertThat(Files.readString(log))
          .contains("up on http://127.0.0.1:" + port + " (store: memory");

      aino.destroy(); // SIGTERM
      assertThat(aino.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS))
          .as("aino exits within %s of SIGTERM; log:%n%s", STOP_LIMIT, readQuietly(log))
          .isTrue();
      assertThat(aino.exitValue()).as("exit code after SIGTERM").isZero();
      assertThat(Files.readString(log)).contains("aino stopped");
    } finally {
      stopForcibly(aino);
    }
  }

  @Test
  void theCliAppliesAnExampleToARunningServer() throws Exception {
    int port = freeLoopbackPort();
    Path log = tmp.resolve("server.log");
    Process aino = launchUp(log, "--port", Integer.toString(port));
    try {
      awaitHealthy(aino, new HttpProbe(URI.create("http://127.0.0.1:" + port)), log);
      Map<String, String> env = Map.of("AINO_SERVER", "http://127.0.0.1:" + port);
      Path example = Path.of("..", "examples", "web.yaml").toAbsolutePath().normalize();

      Path applyLog = tmp.resolve("apply.log");
      Process apply = launch(applyLog, env, "apply", "-f", example.toString());
      assertThat(apply.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readAllLines(applyLog))
          .as("exit code %d", apply.exitValue())
          .containsExactly("workload/web created (generation 1)");

      Path getLog = tmp.resolve("get.log");
      Process get = launch(getLog, env, "get", "workloads", "-o", "yaml");
      assertThat(get.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(get.exitValue()).as(readQuietly(getLog)).isZero();
      assertThat(Files.readString(getLog)).contains("name: web", "replicas: 3");
    } finally {
      stopForcibly(aino);
    }
  }

  @Test
  void helpExitsZeroAndNamesUp() throws Exception {
    Path log = tmp.resolve("help.log");
    Process aino = launch(log, "--help");
    try {
      assertThat(aino.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(aino.exitValue()).isZero();
      assertThat(Files.readString(log)).contains("Usage: aino", " up ", "aino up");
    } finally {
      stopForcibly(aino);
    }
  }

  @Test
  void aRefusedStartExitsTwoWithOneLine() throws Exception {
    Path log = tmp.resolve("refused.log");
    Process aino = launchUp(log, "--bind", "0.0.0.0");
    try {
      assertThat(aino.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(aino.exitValue()).isEqualTo(2);
      assertThat(Files.readAllLines(log))
          .singleElement()
          .asString()
          .startsWith("aino: --bind: refusing to listen on 0.0.0.0");
    } finally {
      stopForcibly(aino);
    }
  }

  /** Polls until a 200, failing early with the log if the process dies. */
  private static HttpResponse<String> awaitHealthy(Process aino, HttpProbe probe, Path log)
      throws Exception {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!aino.isAlive()) {
        fail("aino exited with " + aino.exitValue() + " before serving; log:\n" + readQuietly(log));
      }
      try {
        HttpResponse<String> response = probe.get("/healthz");
        if (response.statusCode() == 200) {
          return response;
        }
      } catch (IOException notListeningYet) {
        // keep polling
      }
      Thread.sleep(20);
    }
    return fail("no /healthz 200 within " + START_LIMIT + "; log:\n" + readQuietly(log));
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void stopForcibly(Process process) throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
