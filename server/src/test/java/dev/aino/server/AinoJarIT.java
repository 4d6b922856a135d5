package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.server.testing.AinoJar;
import dev.aino.server.testing.HttpProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
  private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

  private static AinoJar jar;

  @TempDir Path tmp;

  @BeforeAll
  static void findJar() {
    jar = AinoJar.find();
  }

  private Process launch(Path log, String... args) throws IOException {
    return jar.launch(log, Map.of(), args);
  }

  private Process launch(Path log, Map<String, String> env, String... args) throws IOException {
    return jar.launch(log, env, args);
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
    int port = AinoJar.freeLoopbackPort();
    Path log = tmp.resolve("aino.log");
    Process aino = launchUp(log, "--port", Integer.toString(port));
    try {
      Instant launched = aino.info().startInstant().orElseGet(Instant::now);
      HttpProbe probe = new HttpProbe(URI.create("http://127.0.0.1:" + port));
      HttpResponse<String> health = AinoJar.awaitHealthy(aino, probe, log);
      long startMillis = Duration.between(launched, Instant.now()).toMillis();
      System.out.printf(
          "aino.jar: process start to first /healthz 200 in %d ms (target < 3000 ms)%n",
          startMillis);

      assertThat(startMillis).isLessThan(AinoJar.START_LIMIT.toMillis());
      JsonNode body = HttpProbe.json(health);
      assertThat(body.path("status").asText()).isEqualTo("ok");
      assertThat(body.path("store").path("backend").asText()).isEqualTo("memory");
      assertThat(Files.readString(log))
          .contains("up on http://127.0.0.1:" + port + " (store: memory");

      aino.destroy(); // SIGTERM
      assertThat(aino.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS))
          .as("aino exits within %s of SIGTERM; log:%n%s", STOP_LIMIT, AinoJar.readQuietly(log))
          .isTrue();
      assertThat(aino.exitValue()).as("exit code after SIGTERM").isZero();
      assertThat(Files.readString(log)).contains("aino stopped");
    } finally {
      AinoJar.stopForcibly(aino);
    }
  }

  @Test
  void theCliAppliesAnExampleToARunningServer() throws Exception {
    int port = AinoJar.freeLoopbackPort();
    Path log = tmp.resolve("server.log");
    Process aino = launchUp(log, "--port", Integer.toString(port));
    try {
      AinoJar.awaitHealthy(aino, new HttpProbe(URI.create("http://127.0.0.1:" + port)), log);
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
      assertThat(get.exitValue()).as(AinoJar.readQuietly(getLog)).isZero();
      assertThat(Files.readString(getLog)).contains("name: web", "replicas: 3");
    } finally {
      AinoJar.stopForcibly(aino);
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
      AinoJar.stopForcibly(aino);
    }
  }

  @Test
  void withoutRootTheDefaultRuntimeRefusesToStartInOneLineNamingTheAlternatives() throws Exception {
    // nobody must be able to reach and write its data directory, so that the runtime check,
    // not the data directory, is what refuses.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
    Path data = Files.createDirectory(tmp.resolve("nobody"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path log = tmp.resolve("nobody.log");
    Process aino =
        jar.launch(
            log,
            Map.of(),
            List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"),
            "up",
            "--store",
            "memory",
            "--port",
            "0",
            "--data-dir",
            data.toString());
    try {
      assertThat(aino.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readAllLines(log))
          .as("exit code %d", aino.exitValue())
          .singleElement()
          .asString()
          .startsWith("aino: --runtime: auto cannot run containers here: ")
          .contains("need root", "uid 65534", "--runtime process", "--runtime simulated");
      assertThat(aino.exitValue()).isEqualTo(2);
    } finally {
      AinoJar.stopForcibly(aino);
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
      AinoJar.stopForcibly(aino);
    }
  }
}
