package dev.aino.server.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fat jar {@code server/target/aino.jar} as a user runs it, {@code java -jar aino.jar ...} in a
 * process of its own, for the integration tests that {@code mvn verify} runs after {@code package}
 * (failsafe passes the jar's path as the system property {@code aino.jar}).
 */
public final class AinoJar {
  /** How long {@code aino up} may take to answer {@code /healthz}. */
  public static final Duration START_LIMIT = Duration.ofSeconds(15);

  private final Path jar;

  private AinoJar(Path jar) {
    this.jar = jar;
  }

  /** The built jar; fails the test, saying how to build it, when it is missing. */
  public static AinoJar find() {
    Path jar = Path.of(System.getProperty("aino.jar", "target/aino.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      fail(jar + " is missing: build it with 'mvn package -pl server -am' (mvn verify does)");
    }
    return new AinoJar(jar);
  }

  /**
   * Starts {@code java -jar aino.jar args...}, its stdout and stderr to {@code log}, without the
   * caller's {@code AINO_TOKEN} and {@code AINO_SERVER}, with {@code env} added.
   */
  public Process launch(Path log, Map<String, String> env, String... args) throws IOException {
    return launch(log, env, List.of(), args);
  }

  /**
   * As {@link #launch(Path, Map, String...)}, run through {@code wrapper}, e.g. {@code setpriv
   * --reuid=65534 ...} to run it as another user.
   */
  public Process launch(Path log, Map<String, String> env, List<String> wrapper, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(wrapper);
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
   * Runs a command to its end (at most 60 s) and returns what it printed.
   *
   * @throws AssertionError with its output when it does not end in time
   */
  public Finished run(Path log, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Process process = launch(log, env, args);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        fail("aino " + String.join(" ", args) + " did not end within 60 s:\n" + readQuietly(log));
      }
      return new Finished(process.exitValue(), readQuietly(log));
    } finally {
      stopForcibly(process);
    }
  }

  /**
   * What a finished command did.
   *
   * @param exitCode its exit code
   * @param output its stdout and stderr
   */
  public record Finished(int exitCode, String output) {}

  /** Polls {@code /healthz} until a 200, failing early with the log if the process dies. */
  public static HttpResponse<String> awaitHealthy(Process aino, HttpProbe probe, Path log)
      throws IOException, InterruptedException {
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

  /** A loopback port that was free a moment ago. */
  public static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Kills the process (SIGKILL) if it still runs, and waits for it. */
  public static void stopForcibly(Process process) throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The log's text, or why it cannot be read. */
  public static String readQuietly(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** The base URI of a server on a loopback port. */
  public static URI loopback(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }
}
