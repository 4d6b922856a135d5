package dev.aino.runtime.oci.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.error.RuntimeFailureException;
import dev.aino.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Executes CNI plugins by the specification: the binary named by the config's {@code type} from the
 * plugin directory, the operation and the container in its environment, the config on stdin, the
 * result (or a CNI error object) on stdout.
 */
final class CniPlugins {
  /** The interface name a container sees: eth0, as everywhere. */
  static final String IFNAME = "eth0";

  private static final int MAX_OUTPUT = 1024 * 1024;

  private final Path dir;
  private final Duration timeout;

  CniPlugins(Path dir, Duration timeout) {
    this.dir = dir;
    this.timeout = timeout;
  }

  /** CNI operations this driver uses. */
  enum Command {
    ADD,
    DEL,
    CHECK
  }

  /**
   * Runs {@code config}'s plugin.
   *
   * @return the plugin's result (ADD), or null when it printed nothing (DEL, CHECK)
   * @throws RuntimeFailureException with the plugin's own message when it fails
   */
  JsonNode run(Command command, ObjectNode config, String containerId, Path netns, String ifname) {
    String type = config.path("type").asText();
    String doing = "CNI " + command + " of " + type + " for " + containerId;
    ProcessBuilder pb = new ProcessBuilder(dir.resolve(type).toString());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("CNI_COMMAND", command.name());
    env.put("CNI_CONTAINERID", containerId);
    env.put("CNI_NETNS", netns.toString());
    env.put("CNI_IFNAME", ifname);
    env.put("CNI_PATH", dir.toString());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = null;
    try {
      process = pb.start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(Json.mapper().writeValueAsBytes(config));
      }
      byte[] out;
      try (InputStream stdout = process.getInputStream()) {
        out = stdout.readNBytes(MAX_OUTPUT);
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new RuntimeFailureException(
            doing + ": no answer within " + timeout.toSeconds() + " s");
      }
      JsonNode result = out.length == 0 ? null : Json.mapper().readTree(out);
      if (process.exitValue() != 0) {
        String msg =
            result != null && result.has("msg")
                ? result.path("msg").asText()
                    + (result.hasNonNull("details")
                        ? " (" + result.path("details").asText() + ")"
                        : "")
                : "exit code " + process.exitValue();
        throw new RuntimeFailureException(doing + ": " + msg);
      }
      return result;
    } catch (IOException e) {
      throw new RuntimeFailureException(doing + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new RuntimeFailureException(doing + ": interrupted", e);
    }
  }
}
