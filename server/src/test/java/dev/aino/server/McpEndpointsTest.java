package dev.aino.server;

import static dev.aino.server.testing.ToolResults.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.McpClients;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP {@code list_endpoints} (toolset {@code network}) over Streamable HTTP answers what {@code GET
 * /api/v1/workloads/{name}/endpoints} answers, and its result validates against the output schema
 * the client was given (the client checks every result).
 */
class McpEndpointsTest {
  private static final String TOKEN = "mcp-endpoints-token";

  @TempDir static Path dataDir;

  private static AinoServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN), "--mcp-toolsets", "core,network");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void listEndpointsAnswersWhatRestAnswersForBridgedReplicas() throws Exception {
    McpSyncClient client = McpClients.streamableHttp(server.baseUri(), TOKEN).build();
    HttpProbe rest = new HttpProbe(server.baseUri(), "Bearer " + TOKEN);
    try {
      client.initialize();
      CallToolResult scheduled =
          client.callTool(
              new CallToolRequest(
                  "schedule_workload",
                  Map.of(
                      "name",
                      "web",
                      "spec",
                      Map.of(
                          "image",
                          "busybox",
                          "replicas",
                          2,
                          "ports",
                          List.of(Map.of("name", "http", "containerPort", 8080))))));
      assertThat(scheduled.isError()).as(text(scheduled)).isFalse();
      JsonNode expected =
          Await.value(
              "two endpoints of web",
              () -> {
                try {
                  JsonNode body = HttpProbe.json(rest.get("/api/v1/workloads/web/endpoints"));
                  return body.path("items").size() == 2 ? body : null;
                } catch (Exception e) {
                  return null;
                }
              });

      CallToolResult listed =
          client.callTool(new CallToolRequest("list_endpoints", Map.of("name", "web")));

      assertThat(listed.isError()).as(text(listed)).isFalse();
      JsonNode answered = Json.mapper().valueToTree(listed.structuredContent());
      assertThat(answered).isEqualTo(expected);
      JsonNode first = expected.path("items").get(0);
      assertThat(text(listed))
          .startsWith("2 endpoint(s) of web: " + first.path("instance").asText() + " on ")
          .contains("http 8080 via node port " + first.path("ports").get(0).path("hostPort"));

      CallToolResult missing =
          client.callTool(new CallToolRequest("list_endpoints", Map.of("name", "nope")));
      assertThat(missing.isError()).isTrue();
      assertThat(text(missing)).startsWith("NOT_FOUND");
    } finally {
      client.closeGracefully();
    }
  }
}
