package dev.aino.server;

import static dev.aino.server.testing.ToolResults.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.server.testing.AinoMcpProcess;
import dev.aino.server.testing.TestServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aino mcp} as a child JVM speaking MCP on stdio: in-process aino, and relay to HTTP. */
class McpStdioTest {
  @TempDir Path dataDir;

  private static McpSyncClient connect(StdioClientTransport transport) {
    // A child JVM may take long to answer on a busy machine: allow it more than the default 20 s.
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(60))
            .initializationTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
    return client;
  }

  @Test
  void embeddedServesToolsOnStdio() {
    McpSyncClient client =
        connect(
            AinoMcpProcess.transport(
                Map.of(),
                "--embedded",
                "--store",
                "memory",
                "--data-dir",
                dataDir.toString(),
                "--node-name",
                "stdio-node",
                "--runtime",
                "simulated"));
    try {
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .contains("cluster_status");
      CallToolResult scheduled =
          client.callTool(
              new CallToolRequest(
                  "schedule_workload",
                  Map.of("name", "cli", "spec", Map.of("image", "nginx:1"), "wait", true)));
      assertThat(scheduled.isError()).as(text(scheduled)).isFalse();
      assertThat(text(client.callTool(new CallToolRequest("list_nodes", Map.of()))))
          .contains("stdio-node");
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void relaysStdioToARunningServerWithTheToken() {
    try (AinoServer server = TestServer.start(dataDir, Map.of("AINO_TOKEN", "relay-token"))) {
      McpSyncClient client =
          connect(
              AinoMcpProcess.transport(
                  Map.of("AINO_TOKEN", "relay-token"), "--server", server.baseUri().toString()));
      try {
        CallToolResult status = client.callTool(new CallToolRequest("cluster_status", Map.of()));
        assertThat(status.isError()).isFalse();
        assertThat(text(status)).contains("node(s) ready");
        CallToolResult missing =
            client.callTool(new CallToolRequest("get_workload", Map.of("name", "nope")));
        assertThat(missing.isError()).isTrue();
      } finally {
        client.closeGracefully();
      }
    }
  }
}
