package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.NotFoundException;
import dev.aino.server.testing.NodeProject;
import dev.aino.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent client: {@code mcp-server/src/test/node/client.mjs}, on the official TypeScript
 * SDK, against /mcp of a real server. Needs Node 20+ and npm; fails (never skips) without them.
 */
class McpNodeClientTest {
  private static final NodeProject CLIENT =
      new NodeProject(Path.of("..", "mcp-server", "src", "test", "node"));
  private static final String TOKEN = "node-client-token";

  @TempDir Path dataDir;

  @Test
  void theTypeScriptSdkSchedulesWaitsReadsLogsSubscribesAndDeletesAfterElicitation()
      throws Exception {
    CLIENT.installed();
    try (AinoServer server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN))) {
      NodeProject.Result result =
          CLIENT.run(List.of("node", "client.mjs", server.baseUri().toString(), TOKEN), 120);
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output())
          .contains("\"tools\":20", "\"questions\":1", "\"deleted\":true")
          .doesNotContain("\"progress\":0", "\"updates\":0");
      assertThatThrownBy(() -> server.service().workload("node-web"))
          .isInstanceOf(NotFoundException.class);
    }
  }
}
