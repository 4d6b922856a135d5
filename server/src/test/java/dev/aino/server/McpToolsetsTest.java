package dev.aino.server;

import static dev.aino.server.testing.ToolResults.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aino.server.testing.AinoMcpProcess;
import dev.aino.server.testing.McpClients;
import dev.aino.server.testing.TestServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mcp-toolsets} chooses which tools are listed, on Streamable HTTP ({@code aino up}), on
 * stdio with aino in-process, and through the stdio relay; the read-only filter applies on top.
 */
class McpToolsetsTest {
  private static final String TOKEN = "toolsets-test-token";
  private static final List<String> NODE_TOOLS =
      List.of(
          "list_nodes", "get_node", "cordon_node", "uncordon_node", "drain_node", "cluster_status");

  @TempDir Path dataDir;

  private static List<String> names(McpSyncClient client) {
    return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
  }

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
  void httpListsOnlyTheChosenToolsetsAndReadOnlyAppliesOnTop() {
    try (AinoServer server =
        TestServer.start(
            dataDir,
            Map.of("AINO_TOKEN", TOKEN),
            "--mcp-toolsets",
            "nodes,logs",
            "--mcp-read-only")) {
      McpSyncClient client = McpClients.streamableHttp(server.baseUri(), TOKEN).build();
      try {
        client.initialize();
        assertThat(names(client))
            .containsExactlyInAnyOrder(
                "list_nodes", "get_node", "cluster_status", "get_logs", "list_events");
        assertThat(client.getServerInstructions())
            .contains("cluster_status")
            .doesNotContain("schedule_workload");
        Throwable hidden =
            catchThrowable(() -> client.callTool(new CallToolRequest("list_workloads", Map.of())));
        // The SDK answers a tool it does not serve with its own "Unknown tool" error.
        assertThat(hidden).isInstanceOf(McpError.class).hasMessageContaining("Unknown tool");
      } finally {
        client.closeGracefully();
      }
    }
  }

  @Test
  void embeddedStdioListsOnlyTheChosenToolsets() {
    McpSyncClient client =
        connect(
            AinoMcpProcess.transport(
                Map.of(),
                "--embedded",
                "--store",
                "memory",
                "--data-dir",
                dataDir.toString(),
                "--runtime",
                "simulated",
                "--toolsets",
                "nodes"));
    try {
      assertThat(names(client)).containsExactlyInAnyOrderElementsOf(NODE_TOOLS);
      assertThat(text(client.callTool(new CallToolRequest("cluster_status", Map.of()))))
          .contains("node(s) ready");
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void theRelayListsOnlyTheChosenToolsetsAndRefusesTheToolsItHid() {
    try (AinoServer server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN))) {
      McpSyncClient client =
          connect(
              AinoMcpProcess.transport(
                  Map.of("AINO_TOKEN", TOKEN),
                  "--server",
                  server.baseUri().toString(),
                  "--toolsets",
                  "nodes"));
      try {
        assertThat(names(client)).containsExactlyInAnyOrderElementsOf(NODE_TOOLS);
        assertThat(text(client.callTool(new CallToolRequest("list_nodes", Map.of()))))
            .contains(TestServer.NODE);
        Throwable hidden =
            catchThrowable(() -> client.callTool(new CallToolRequest("list_workloads", Map.of())));
        assertThat(hidden)
            .isInstanceOf(McpError.class)
            .hasMessageContaining("\"list_workloads\" is not in the toolsets this relay lists");
      } finally {
        client.closeGracefully();
      }
    }
  }
}
