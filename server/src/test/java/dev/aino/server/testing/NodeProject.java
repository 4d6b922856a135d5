package dev.aino.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js project of the test sources (a committed package.json and package-lock.json): installs
 * it with {@code npm ci} when {@code node_modules} is missing and runs commands in it. Fails, never
 * skips, when node or npm is missing, saying what to install.
 */
public final class NodeProject {
  private final Path dir;

  /**
   * @param dir relative to the server module, e.g. {@code ../mcp-server/src/test/node}
   */
  public NodeProject(Path dir) {
    this.dir = dir;
  }

  /** What a command printed (stdout and stderr) and its exit code. */
  public record Result(int exitCode, String output) {}

  /** {@code npm ci}, once: node_modules is never committed. */
  public NodeProject installed() throws Exception {
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      Result ci = run(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"), 300);
      assertThat(ci.exitCode()).as("npm ci in " + dir + ":\n" + ci.output()).isZero();
    }
    return this;
  }

  /** Runs a command in the project directory, output captured, within the timeout. */
  public Result run(List<String> command, int timeoutSeconds) throws Exception {
    Path log = Files.createTempFile("node-project", ".log");
    try {
      Process process;
      try {
        process =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
      } catch (IOException e) {
        throw new AssertionError(
            "'"
                + command.get(0)
                + "' cannot be run ("
                + e.getMessage()
                + "): install Node.js 20+ and npm, e.g. apt-get install -y nodejs npm"
                + " (scripts/test does this)",
            e);
      }
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
