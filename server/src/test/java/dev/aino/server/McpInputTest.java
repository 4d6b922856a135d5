package dev.aino.server;

import static dev.aino.server.testing.ToolResults.structured;
import static dev.aino.server.testing.ToolResults.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.server.testing.McpClients;
import dev.aino.server.testing.TestServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** MCP tool arguments are read as strictly as REST bodies, and every error comes at once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpInputTest {
  private static final String TOKEN = "mcp-input-test-token";

  @TempDir static Path dataDir;
  private AinoServer server;
  private McpSyncClient client;

  @BeforeAll
  void start() {
    server = TestServer.start(dataDir, "node-a", Map.of("AINO_TOKEN", TOKEN));
    client = McpClients.streamableHttp(server.baseUri(), TOKEN).build();
    client.initialize();
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.closeGracefully();
    }
    if (server != null) {
      server.close();
    }
  }

  private CallToolResult call(String tool, Map<String, Object> args) {
    return client.callTool(new CallToolRequest(tool, args));
  }

  private String refusal(String tool, Map<String, Object> args) {
    CallToolResult result = call(tool, args);
    assertThat(result.isError()).as(text(result)).isTrue();
    return text(result);
  }

  @Test
  void wrongTypesAndUnknownFieldsAreRefused() {
    assertThat(
            refusal(
                "schedule_workload",
                Map.of("name", "m1", "spec", Map.of("image", "busybox", "replicas", 2.5))))
        .contains("spec.replicas: must be a whole number, got 2.5");
    assertThat(
            refusal(
                "schedule_workload",
                Map.of("name", "m2", "spec", Map.of("image", "busybox", "replica", 3))))
        .contains("spec.replica: is not a known field; did you mean `replicas`?");
    assertThat(refusal("scale_workload", Map.of("name", "m3", "replicas", "3")))
        .contains("replicas: must be a whole number, got the string \"3\"");
    assertThat(refusal("get_workload", Map.of("name", 5)))
        .contains("name: must be a string, got 5");
    assertThat(refusal("get_workload", Map.of("nmae", "web")))
        .contains("nmae: is not a known field; did you mean `name`?");
    assertThat(refusal("list_workloads", Map.of("limit", 1.5)))
        .contains("limit: must be a whole number, got 1.5")
        .doesNotContain("Integer", "Cannot");
  }

  @Test
  void everyErrorOfAScheduleIsReportedAtOnce() {
    CallToolResult result =
        call(
            "schedule_workload",
            Map.of(
                "name",
                "Bad_Name",
                "spec",
                Map.of("replicas", -1, "resources", Map.of("memoryMiB", -5))));

    assertThat(result.isError()).isTrue();
    assertThat(text(result))
        .contains("4 errors:")
        .contains("name: must be a DNS-1123 label")
        .contains("spec.image: is required")
        .contains("spec.replicas: must be >= 0, got -1")
        .contains("spec.resources.memoryMiB: must be > 0, got -5");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) structured(result).get("error");
    assertThat((List<?>) error.get("errors")).hasSize(4);
  }
}
