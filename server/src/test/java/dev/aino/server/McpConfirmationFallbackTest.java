package dev.aino.server;

import static dev.aino.server.testing.ToolResults.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.error.NotFoundException;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mcp-confirm-fallback}: what a destructive MCP call needs when the client cannot ask its
 * user. The default ({@code flag}) is covered by {@link McpHttpTest}.
 */
class McpConfirmationFallbackTest {
  @TempDir Path dataDir;

  private final List<String> questions = new CopyOnWriteArrayList<>();
  private final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();

  @Test
  void denyLetsOnlyAPersonConfirm() {
    try (AinoServer server =
        TestServer.start(dataDir, Map.of(), "--mcp-confirm-fallback", "deny")) {
      McpSyncClient plain = client(server, false);
      McpSyncClient eliciting = client(server, true);
      try {
        schedule(plain, "doomed");

        CallToolResult selfConfirmed =
            plain.callTool(
                new CallToolRequest("delete_workload", Map.of("name", "doomed", "confirm", true)));
        assertThat(selfConfirmed.isError()).isTrue();
        assertThat(text(selfConfirmed)).contains("confirm").contains("only a person");
        assertThat(server.service().workload("doomed").workload().isDeleting()).isFalse();

        CallToolResult asked =
            eliciting.callTool(
                new CallToolRequest("delete_workload", Map.of("name", "doomed", "confirm", true)));
        assertThat(asked.isError()).as(text(asked)).isFalse();
        assertThat(questions).singleElement().asString().contains("doomed");
        awaitDeleted(server, "doomed");
      } finally {
        plain.closeGracefully();
        eliciting.closeGracefully();
      }
    }
  }

  @Test
  void allowGoesAheadUnconfirmedAndSaysSo() {
    try (AinoServer server =
        TestServer.start(dataDir, Map.of(), "--mcp-confirm-fallback", "allow")) {
      McpSyncClient plain = client(server, false);
      try {
        plain.setLoggingLevel(LoggingLevel.DEBUG);
        schedule(plain, "batch");

        CallToolResult deleted =
            plain.callTool(new CallToolRequest("delete_workload", Map.of("name", "batch")));

        assertThat(deleted.isError()).as(text(deleted)).isFalse();
        awaitDeleted(server, "batch");
        // Notifications reach their consumer on the client's own thread, maybe after the result.
        Await.until(
            "a warning that the delete went ahead unconfirmed",
            () ->
                logs.stream()
                    .anyMatch(
                        log ->
                            log.level() == LoggingLevel.WARNING
                                && String.valueOf(log.data()).contains("unconfirmed")));
      } finally {
        plain.closeGracefully();
      }
    }
  }

  /** Waits until the workload is gone from the store: marked, its instances stopped, removed. */
  private static void awaitDeleted(AinoServer server, String name) {
    Await.until(
        "workload " + name + " to be deleted",
        () -> {
          try {
            server.service().workload(name);
            return false;
          } catch (NotFoundException gone) {
            return true;
          }
        });
  }

  private static void schedule(McpSyncClient client, String name) {
    CallToolResult scheduled =
        client.callTool(
            new CallToolRequest(
                "schedule_workload", Map.of("name", name, "spec", Map.of("image", "nginx:1"))));
    assertThat(scheduled.isError()).as(text(scheduled)).isFalse();
  }

  private McpSyncClient client(AinoServer server, boolean canElicit) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(server.baseUri().toString())
            .endpoint("/mcp")
            .build();
    McpClient.SyncSpec spec =
        McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).loggingConsumer(logs::add);
    if (canElicit) {
      spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
          .elicitation(
              request -> {
                questions.add(request.message());
                return new McpSchema.ElicitResult(
                    McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", true));
              });
    }
    McpSyncClient client = spec.build();
    client.initialize();
    return client;
  }
}
