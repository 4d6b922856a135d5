package dev.aino.server;

import static dev.aino.server.testing.ToolResults.structured;
import static dev.aino.server.testing.ToolResults.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.InstanceFilter;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.server.testing.Instances;
import dev.aino.server.testing.McpClients;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
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

/**
 * {@code get_logs}, the {@code aino://instances/{id}/logs} resource and the log lines in {@code
 * diagnose_workload}, over Streamable HTTP through the SDK's Java client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpLogsTest {
  private static final String TOKEN = "mcp-logs-token";

  @TempDir static Path dataDir;
  private AinoServer server;
  private McpSyncClient client;

  @BeforeAll
  void start() {
    server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN));
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

  private Instance schedule(String name, String script, String restartPolicy) {
    CallToolResult scheduled =
        call(
            "schedule_workload",
            Map.of(
                "name",
                name,
                "spec",
                Map.of(
                    "image",
                    "busybox",
                    "command",
                    List.of("sh", "-c", script),
                    "restartPolicy",
                    restartPolicy,
                    "resources",
                    Map.of("cpuMillis", 10, "memoryMiB", 8))));
    assertThat(scheduled.isError()).as(text(scheduled)).isFalse();
    return Instances.await(
        server,
        name,
        "that has started",
        i -> i.restartCount() > 0 || (i.containerId() != null && !i.containerId().isEmpty()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void getLogsReturnsLinesWithSchemaAndSaysWhenItTruncated() {
    McpSchema.Tool tool =
        client.listTools().tools().stream()
            .filter(t -> t.name().equals("get_logs"))
            .findFirst()
            .orElseThrow();
    assertThat(tool.annotations().readOnlyHint()).isTrue();
    assertThat((Map<String, Object>) tool.outputSchema().get("properties"))
        .containsKeys("lines", "truncated", "node", "containerId");
    assertThat((Map<String, Object>) tool.inputSchema().get("properties"))
        .containsKeys("id", "tail_lines", "since", "max_bytes");

    Instance i = schedule("ml-lines", "echo hello; echo warn >&2; sleep infinity", "ALWAYS");
    CallToolResult all = call("get_logs", Map.of("id", i.id()));
    assertThat(all.isError()).as(text(all)).isFalse();
    assertThat(text(all))
        .startsWith("2 line(s) of instance " + i.id())
        .contains("hello\n[stderr] warn");
    List<Map<String, Object>> lines = (List<Map<String, Object>>) structured(all).get("lines");
    assertThat(lines).extracting(l -> l.get("text")).containsExactly("hello", "warn");
    assertThat(lines).extracting(l -> l.get("stream")).containsExactly("stdout", "stderr");
    assertThat(structured(all))
        .containsEntry("truncated", false)
        .containsEntry("node", TestServer.NODE);

    CallToolResult tail = call("get_logs", Map.of("id", i.id(), "tail_lines", 1, "since", "1h"));
    assertThat(structured(tail)).containsEntry("truncated", true);
    assertThat(text(tail)).contains("Older lines were left out").contains("larger tail_lines");
  }

  @Test
  void unknownUnstartedAndBadRequestsAreToolErrorsWithHints() {
    CallToolResult unknown = call("get_logs", Map.of("id", "nope-abc12"));
    assertThat(unknown.isError()).isTrue();
    assertThat(text(unknown))
        .contains("NOT_FOUND")
        .contains("nope-abc12")
        .contains("list_instances");

    call(
        "schedule_workload",
        Map.of(
            "name",
            "ml-huge",
            "spec",
            Map.of(
                "image", "busybox", "resources", Map.of("cpuMillis", 10, "memoryMiB", 60000000))));
    Instance pending = Instances.awaitUnschedulable(server, "ml-huge");
    CallToolResult notStarted = call("get_logs", Map.of("id", pending.id()));
    assertThat(notStarted.isError()).isTrue();
    assertThat(text(notStarted))
        .contains("FAILED_PRECONDITION")
        .contains("has not started yet (phase Pending")
        .contains("diagnose_workload");

    CallToolResult tooMany = call("get_logs", Map.of("id", pending.id(), "tail_lines", 5000));
    assertThat(tooMany.isError()).isTrue();
    assertThat(text(tooMany)).contains("tail_lines").contains("1000");
    CallToolResult badSince = call("get_logs", Map.of("id", pending.id(), "since", "later"));
    assertThat(text(badSince)).contains("since").contains("RFC 3339");
  }

  @Test
  void theLogsResourceTemplateReadsAndCompletesInstanceIds() {
    Instance i = schedule("ml-resource", "echo from-resource; sleep infinity", "ALWAYS");
    assertThat(client.listResourceTemplates().resourceTemplates())
        .extracting(McpSchema.ResourceTemplate::uriTemplate)
        .contains("aino://instances/{id}/logs");

    McpSchema.ReadResourceResult read =
        client.readResource(
            new McpSchema.ReadResourceRequest("aino://instances/" + i.id() + "/logs"));
    assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text())
        .contains("from-resource");
    assertThatThrownBy(
            () ->
                client.readResource(
                    new McpSchema.ReadResourceRequest("aino://instances/nope-abc12/logs")))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("Resource not found");

    McpSchema.CompleteResult completion =
        client.completeCompletion(
            new McpSchema.CompleteRequest(
                new McpSchema.ResourceReference("aino://instances/{id}/logs"),
                new McpSchema.CompleteRequest.CompleteArgument("id", "ml-reso")));
    assertThat(completion.completion().values()).contains(i.id());
  }

  @Test
  @SuppressWarnings("unchecked")
  void diagnoseShowsTheLastLinesOfACrashingInstance() {
    schedule("ml-crash", "echo starting; echo config missing >&2; exit 2", "ALWAYS");
    Await.until(
        "ml-crash to restart",
        () ->
            server.service().instances(InstanceFilter.ofWorkload("ml-crash")).stream()
                .anyMatch(i -> i.restartCount() > 0 && i.phase() != InstancePhase.PENDING));
    Await.until(
        "diagnose_workload to show the crash's last lines",
        () -> {
          CallToolResult d = call("diagnose_workload", Map.of("name", "ml-crash"));
          List<Map<String, Object>> loops =
              (List<Map<String, Object>>) structured(d).get("crashLoops");
          return !loops.isEmpty()
              && String.valueOf(loops.get(0).get("lastLogLines"))
                  .contains("[stderr] config missing");
        });
  }
}
