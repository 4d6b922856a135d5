package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aino.server.cli.UpCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An independent client: {@code mcp-server/src/test/node/client.mjs}, on the official TypeScript
 * SDK, against /mcp of a real server. Needs Node 20+ and npm; fails (never skips) without them.
 */
class McpNodeClientTest {
  private static final Path CLIENT_DIR = Path.of("..", "mcp-server", "src", "test", "node");
  private static final String TOKEN = "node-client-token";

  @TempDir Path dataDir;

  @Test
  void theTypeScriptSdkSchedulesWaitsAndDeletes() throws Exception {
    installClientDependencies();
    UpCommand up = new UpCommand(Map.of("AINO_TOKEN", TOKEN));
    new CommandLine(up)
        .parseArgs("--store", "memory", "--port", "0", "--data-dir", dataDir.toString());
    try (AinoServer server = AinoServer.start(up.settings(), Instant.now())) {
      Result result = run(List.of("node", "client.mjs", server.baseUri().toString(), TOKEN), 120);
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output()).contains("\"deleted\":true").contains("\"tools\":17");
    }
  }

  /** {@code npm ci} once, when {@code node_modules} is missing (it is never committed). */
  private static void installClientDependencies() throws Exception {
    if (Files.isDirectory(CLIENT_DIR.resolve("node_modules"))) {
      return;
    }
    Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
    assertThat(ci.exitCode()).as("npm ci in " + CLIENT_DIR + ":\n" + ci.output()).isZero();
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, int timeoutSeconds) throws Exception {
    Path log = Files.createTempFile("mcp-node", ".log");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(CLIENT_DIR.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      fail(
          "'"
              + command.get(0)
              + "' cannot be run ("
              + e.getMessage()
              + "): install Node.js 20+ and npm, e.g. apt-get install -y nodejs npm"
              + " (scripts/test does this)");
      throw e;
    }
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
