package dev.aino.agent;

import dev.aino.error.AinoException;
import dev.aino.model.HealthCheck;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ExecCapable;
import dev.aino.runtime.ExecResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Runs one health check against a container: a command inside it (through {@link ExecCapable}), an
 * HTTP GET or a TCP connect to its port where the node reaches it ({@link
 * ContainerRuntime#reachableAt}: its own address on a bridge, loopback on the node's network).
 * Never throws: every way of failing is a failed {@link ProbeResult} that says why.
 */
final class HealthProber {
  private final ContainerRuntime runtime;
  private volatile HttpClient http;

  HealthProber(ContainerRuntime runtime) {
    this.runtime = runtime;
  }

  ProbeResult probe(ContainerHandle handle, HealthCheck check) {
    Duration timeout = Duration.ofSeconds(check.timeoutSeconds());
    try {
      switch (check.type()) {
        case COMMAND:
          return command(handle, check, timeout);
        case HTTP:
          return http(runtime.reachableAt(handle), check, timeout);
        default:
          return tcp(runtime.reachableAt(handle), check, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.fail("health check interrupted (agent shutting down)");
    }
  }

  private ProbeResult command(ContainerHandle handle, HealthCheck check, Duration timeout) {
    String what = "command " + check.command();
    if (!(runtime instanceof ExecCapable exec)) {
      return ProbeResult.fail(
          what
              + " cannot run: runtime "
              + runtime.fingerprint().name()
              + " cannot run commands in containers; use an HTTP or TCP check");
    }
    ExecResult result;
    try {
      result = exec.exec(handle, check.command(), timeout);
    } catch (AinoException e) {
      return ProbeResult.fail(what + " failed: " + e.getMessage());
    }
    if (result.timedOut()) {
      return ProbeResult.fail(what + " timed out after " + Durations.format(timeout));
    }
    if (result.exitCode() != 0) {
      String err = result.stderr().strip().lines().findFirst().orElse("");
      return ProbeResult.fail(
          what + " exited with code " + result.exitCode() + (err.isEmpty() ? "" : ": " + err));
    }
    return ProbeResult.pass(what + " exited with code 0");
  }

  private ProbeResult http(String host, HealthCheck check, Duration timeout)
      throws InterruptedException {
    URI uri = URI.create("http://" + host + ":" + check.port() + check.path());
    String what = "HTTP GET " + uri;
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      int status =
          client(timeout).send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status >= 200 && status < 400) {
        return ProbeResult.pass(what + " returned " + status);
      }
      return ProbeResult.fail(what + " returned " + status);
    } catch (IOException e) {
      return ProbeResult.fail(what + " failed: " + describe(e));
    }
  }

  private ProbeResult tcp(String host, HealthCheck check, Duration timeout) {
    String what = "TCP connect to " + host + ":" + check.port();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, check.port()), (int) timeout.toMillis());
      return ProbeResult.pass(what + " succeeded");
    } catch (IOException e) {
      return ProbeResult.fail(what + " failed: " + describe(e));
    }
  }

  /** One client per agent, made on first use so agents without HTTP checks start no thread. */
  private HttpClient client(Duration connectTimeout) {
    HttpClient client = http;
    if (client == null) {
      synchronized (this) {
        if (http == null) {
          http =
              HttpClient.newBuilder()
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .connectTimeout(connectTimeout)
                  .build();
        }
        client = http;
      }
    }
    return client;
  }

  /** Java's network errors often have no message (a refused connection): name the type then. */
  private static String describe(IOException e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    if (t.getMessage() != null) {
      return t.getMessage();
    }
    return t instanceof ConnectException ? "connection refused" : t.getClass().getSimpleName();
  }
}
