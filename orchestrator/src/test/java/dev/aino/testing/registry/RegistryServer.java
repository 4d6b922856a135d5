package dev.aino.testing.registry;

import dev.aino.files.FileTrees;
import dev.aino.image.oci.Digest;
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
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real registry for a test class: Debian's {@code docker-registry} (distribution 2.8), plain HTTP
 * on a free loopback port, its storage in a temp dir. Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final RegistryServer REGISTRY = new RegistryServer();
 * ... REGISTRY.address() ... REGISTRY.pusher().push("busybox", "1", TestImages.busybox()) ...
 * }</pre>
 *
 * It starts before the class's {@code @BeforeAll} methods and is stopped (by its own process
 * handle) and deleted after its {@code @AfterAll} methods. A missing binary fails the class, saying
 * what to install.
 */
public final class RegistryServer implements BeforeAllCallback, AfterAllCallback {
  /** The message of the failure when no registry binary is found. */
  public static final String NOT_FOUND =
      "docker-registry not found: install Debian's docker-registry"
          + " (apt-get install -y docker-registry)";

  private static final Path DEBIAN_BINARY = Paths.get("/usr/bin/docker-registry");
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 3;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private Path dir;
  private int port;
  private ChildProcess process;

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /**
   * The registry binary: {@code usual} (Debian's {@code /usr/bin/docker-registry}), else {@code
   * docker-registry} in one of {@code path}'s directories.
   *
   * @throws IllegalStateException saying what to install when there is none
   */
  static Path locateBinary(Path usual, String path) {
    return ChildProcess.locate("docker-registry", usual, path, NOT_FOUND);
  }

  /** Runs the registry on a free port and waits until it answers. */
  public synchronized void start() {
    if (process != null) {
      return;
    }
    Path binary = locateBinary(DEBIAN_BINARY, System.getenv("PATH"));
    try {
      dir = Files.createTempDirectory("aino-registry-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp dir for the registry", e);
    }
    for (int attempt = 1; ; attempt++) {
      port = ChildProcess.freeLoopbackPort();
      launch(binary);
      try {
        awaitReady();
        return;
      } catch (IllegalStateException e) {
        stopProcess();
        if (attempt >= PORT_ATTEMPTS || !log().contains("address already in use")) {
          throw e;
        }
      }
    }
  }

  /** {@code 127.0.0.1:PORT}, as in image references. */
  public String address() {
    requireRunning();
    return LOOPBACK + ":" + port;
  }

  /** A pusher to this registry. */
  public RegistryPusher pusher() {
    return new RegistryPusher(address());
  }

  /** Where the registry keeps a blob's bytes, to corrupt it. */
  public Path blobData(Digest digest) {
    return dir.resolve("storage/docker/registry/v2/blobs/sha256")
        .resolve(digest.hex().substring(0, 2))
        .resolve(digest.hex())
        .resolve("data");
  }

  /** The registry's output (its access log included). */
  public String log() {
    try {
      return Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the registry and deletes its storage. */
  public synchronized void close() {
    stopProcess();
    if (dir != null) {
      try {
        FileTrees.delete(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + dir, e);
      }
      dir = null;
    }
  }

  private void launch(Path binary) {
    Path config = dir.resolve("config.yml");
    String yaml =
        String.join(
            "\n",
            "version: 0.1",
            "log:",
            "  level: info",
            "storage:",
            "  filesystem:",
            "    rootdirectory: " + dir.resolve("storage"),
            "  delete:",
            "    enabled: true",
            "http:",
            "  addr: " + LOOPBACK + ":" + port,
            "");
    try {
      Files.writeString(config, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config, e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(List.of(binary.toString(), "serve", config.toString()));
    // Only the config file applies, not REGISTRY_* variables of whoever runs the tests.
    builder.environment().keySet().removeIf(name -> name.startsWith("REGISTRY_"));
    process = ChildProcess.start("docker-registry", builder, dir.resolve("registry.log"));
  }

  private void awaitReady() {
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + port + "/v2/"))
            .timeout(Duration.ofSeconds(1))
            .build();
    process.awaitReady(
        READY_TIMEOUT,
        () -> http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200,
        this::log);
  }

  private synchronized void stopProcess() {
    if (process != null) {
      process.stop(STOP_TIMEOUT);
      process = null;
    }
  }

  private void requireRunning() {
    if (process == null) {
      throw new IllegalStateException("the registry runs only between beforeAll and afterAll");
    }
  }
}
