package dev.aino.testing.etcd;

import dev.aino.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real single-member etcd, listening on two free loopback ports (client and peer) with its data
 * in a temp dir and its output in {@link #logFile()}. It can be stopped and started again on the
 * same ports and data, to test outages. The binary is {@code $AINO_ETCD_BIN}, else {@code
 * /usr/bin/etcd}, else {@code etcd} on the PATH; without one, starting fails and says what to
 * install.
 */
public final class EtcdServer implements AutoCloseable {
  /** The message of the failure when no etcd binary is found. */
  public static final String NOT_FOUND =
      "etcd not found: install Debian's etcd-server (apt-get install -y etcd-server)";

  private static final Path DEBIAN_BINARY = Paths.get("/usr/bin/etcd");
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 3;

  private final Path binary;
  private final Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private int clientPort;
  private int peerPort;
  private Process process;
  private Thread killOnExit;

  /**
   * An etcd that is not running yet, with an empty temp data dir; {@link #start()} runs it.
   *
   * @throws IllegalStateException when there is no etcd binary, saying what to install
   */
  public EtcdServer() {
    this.binary =
        locateBinary(System.getenv("AINO_ETCD_BIN"), DEBIAN_BINARY, System.getenv("PATH"));
    try {
      this.dir = Files.createTempDirectory("aino-etcd-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp dir for etcd", e);
    }
  }

  /**
   * The etcd binary: {@code envOverride} when set (it must exist), else {@code usual} (Debian's
   * {@code /usr/bin/etcd}), else {@code etcd} in one of {@code path}'s directories.
   *
   * @throws IllegalStateException saying what to install when there is none
   */
  static Path locateBinary(String envOverride, Path usual, String path) {
    if (envOverride != null && !envOverride.isBlank()) {
      Path p = Paths.get(envOverride);
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(
            "AINO_ETCD_BIN=" + envOverride + " is not an executable file; " + NOT_FOUND);
      }
      return p;
    }
    if (Files.isExecutable(usual)) {
      return usual;
    }
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        if (!entry.isEmpty() && Files.isExecutable(Paths.get(entry, "etcd"))) {
          return Paths.get(entry, "etcd");
        }
      }
    }
    throw new IllegalStateException(NOT_FOUND);
  }

  /** The client URL, e.g. {@code http://127.0.0.1:40123}. */
  public String endpoint() {
    return "http://" + LOOPBACK + ":" + clientPort;
  }

  /** etcd's output, for a failing test's investigation. */
  public Path logFile() {
    return dir.resolve("etcd.log");
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Runs etcd and waits until it answers. The first start picks free ports; a start after {@link
   * #stop()} uses the same ports and data again. Does nothing while it runs.
   */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    if (clientPort == 0) {
      startOnFreePorts();
    } else {
      launch();
      awaitReady();
    }
  }

  /** Stops etcd: SIGTERM, then SIGKILL if it has not exited after 10 seconds. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    Process p = process;
    process = null;
    p.destroy();
    try {
      if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (killOnExit != null) {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
      killOnExit = null;
    }
  }

  /** Stops etcd and deletes its data and log. */
  @Override
  public synchronized void close() {
    stop();
    deleteTree(dir);
  }

  private static void deleteTree(Path root) {
    try {
      FileTrees.delete(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  /** Ports are free when picked but may be taken before etcd binds them; then pick again. */
  private void startOnFreePorts() {
    for (int attempt = 1; ; attempt++) {
      pickPorts();
      launch();
      try {
        awaitReady();
        return;
      } catch (IllegalStateException e) {
        stop();
        if (attempt >= PORT_ATTEMPTS || !logTail().contains("address already in use")) {
          throw e;
        }
        deleteTree(dir.resolve("data")); // it names the old peer URL
      }
    }
  }

  private void pickPorts() {
    try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
        ServerSocket b = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      clientPort = a.getLocalPort();
      peerPort = b.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports for etcd", e);
    }
  }

  private void launch() {
    String peerUrl = "http://" + LOOPBACK + ":" + peerPort;
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(
        List.of(
            "--name=aino-test",
            "--data-dir=" + dir.resolve("data"),
            "--listen-client-urls=" + endpoint(),
            "--advertise-client-urls=" + endpoint(),
            "--listen-peer-urls=" + peerUrl,
            "--initial-advertise-peer-urls=" + peerUrl,
            "--initial-cluster=aino-test=" + peerUrl,
            "--initial-cluster-state=new",
            "--initial-cluster-token=aino-test",
            // A lone member elects itself after one election timeout; keep restarts quick.
            "--heartbeat-interval=50",
            "--election-timeout=500"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("ETCD")); // only the flags above apply
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
    }
    Process started = process;
    killOnExit = new Thread(started::destroyForcibly, "etcd-" + started.pid() + "-kill-on-exit");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Polls etcd's health endpoint until it reports a leader. */
  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
            .timeout(Duration.ofSeconds(1))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "etcd (pid "
                + process.pid()
                + ") exited with "
                + process.exitValue()
                + "; its log:\n"
                + logTail());
      }
      try {
        HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("\"true\"")) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for etcd", e);
      }
      sleep(Duration.ofMillis(50));
    }
    throw new IllegalStateException(
        "etcd (pid "
            + process.pid()
            + ") did not become healthy within "
            + READY_TIMEOUT
            + "; its log:\n"
            + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for etcd", e);
    }
  }
}
