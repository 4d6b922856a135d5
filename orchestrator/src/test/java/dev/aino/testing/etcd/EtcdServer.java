package dev.aino.testing.etcd;

import dev.aino.files.FileTrees;
import dev.aino.testing.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
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
  private ChildProcess process;

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
    return ChildProcess.locate("etcd", usual, path, NOT_FOUND);
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
    if (process != null) {
      process.stop(STOP_TIMEOUT);
      process = null;
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
    List<Integer> ports = ChildProcess.freeLoopbackPorts(2);
    clientPort = ports.get(0);
    peerPort = ports.get(1);
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
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("ETCD")); // only the flags above apply
    process = ChildProcess.start("etcd", builder, logFile());
  }

  /** Polls etcd's health endpoint until it reports a leader. */
  private void awaitReady() {
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
            .timeout(Duration.ofSeconds(1))
            .build();
    process.awaitReady(
        READY_TIMEOUT,
        () -> {
          HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
          return answer.statusCode() == 200 && answer.body().contains("\"true\"");
        },
        this::logTail);
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
