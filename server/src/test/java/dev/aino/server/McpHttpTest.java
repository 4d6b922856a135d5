package dev.aino.server;

import static dev.aino.server.testing.ToolResults.structured;
import static dev.aino.server.testing.ToolResults.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.InstanceFilter;
import dev.aino.error.NotFoundException;
import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.server.testing.Instances;
import dev.aino.server.testing.McpClients;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** MCP over Streamable HTTP at /mcp of a real in-process server, through the SDK's Java client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpHttpTest {
  private static final String TOKEN = "mcp-test-token";

  @TempDir static Path dataDir;
  private AinoServer server;
  private McpSyncClient client;
  private final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
  private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
  private final List<String> updated = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    server = TestServer.start(dataDir, "node-a", Map.of("AINO_TOKEN", TOKEN));
    client = client(server.baseUri());
    client.initialize();
  }

  private McpSyncClient client(URI base) {
    return McpClients.streamableHttp(base, TOKEN)
        .loggingConsumer(logs::add)
        .progressConsumer(progress::add)
        .resourcesUpdateConsumer(contents -> contents.forEach(c -> updated.add(c.uri())))
        .build();
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

  /**
   * The operator system prompt is served from the one file people edit: {@code prompts/get} answers
   * that file's text (after its front matter), so the served prompt cannot drift from the
   * repository's copy.
   */
  @Test
  void servesTheOperatorSystemPromptFromItsFile() throws Exception {
    String file =
        Files.readString(Path.of("..", "prompts", "operator-system-prompt.md"))
            .replace("\r\n", "\n");
    String body = file.substring(file.indexOf("\n---\n", 4) + 5).trim();

    McpSchema.Prompt listed =
        client.listPrompts().prompts().stream()
            .filter(p -> p.name().equals("operator-system-prompt"))
            .findFirst()
            .orElseThrow();
    assertThat(listed.arguments()).isEmpty();
    McpSchema.GetPromptResult prompt =
        client.getPrompt(new McpSchema.GetPromptRequest("operator-system-prompt", Map.of()));

    assertThat(prompt.messages()).hasSize(1);
    assertThat(((TextContent) prompt.messages().get(0).content()).text()).isEqualTo(body);
    assertThat(body).contains("plan_workload", "expected_generation", "confirm");
  }

  @Test
  @SuppressWarnings("unchecked")
  void listsEveryToolWithSchemasAndHints() {
    List<McpSchema.Tool> tools = client.listTools().tools();
    assertThat(tools)
        .extracting(McpSchema.Tool::name)
        .containsExactlyInAnyOrder(
            "schedule_workload",
            "plan_workload",
            "list_workloads",
            "get_workload",
            "scale_workload",
            "delete_workload",
            "diagnose_workload",
            "list_instances",
            "get_instance",
            "get_logs",
            "restart_instance",
            "list_nodes",
            "get_node",
            "cordon_node",
            "uncordon_node",
            "drain_node",
            "cluster_status",
            "list_events",
            "plan_intent",
            "apply_intent");
    for (McpSchema.Tool tool : tools) {
      assertThat(tool.outputSchema()).as(tool.name()).isNotEmpty();
      assertThat(tool.annotations().readOnlyHint()).as(tool.name()).isNotNull();
      assertThat(tool.annotations().openWorldHint()).isFalse();
    }
    McpSchema.Tool delete =
        tools.stream().filter(t -> t.name().equals("delete_workload")).findFirst().orElseThrow();
    assertThat(delete.annotations().destructiveHint()).isTrue();
    assertThat(delete.annotations().readOnlyHint()).isFalse();
    McpSchema.Tool schedule =
        tools.stream().filter(t -> t.name().equals("schedule_workload")).findFirst().orElseThrow();
    assertThat((List<Object>) schedule.inputSchema().get("required")).contains("name", "spec");
    assertThat((Map<String, Object>) schedule.inputSchema().get("properties"))
        .containsKeys("name", "spec", "wait");
  }

  @Test
  void schedulesWaitsGetsScalesAndDeletesAWorkload() {
    client.setLoggingLevel(LoggingLevel.INFO);
    CallToolResult scheduled =
        client.callTool(
            CallToolRequest.builder()
                .name("schedule_workload")
                .arguments(
                    Map.of(
                        "name",
                        "web",
                        "spec",
                        Map.of("image", "nginx:1.27", "replicas", 2),
                        "wait",
                        true,
                        "timeoutSeconds",
                        30))
                .progressToken("p1")
                .build());
    assertThat(scheduled.isError()).as(text(scheduled)).isFalse();
    assertThat(structured(scheduled))
        .containsEntry("action", "created")
        .containsEntry("running", true);
    Await.until("progress notifications", () -> !progress.isEmpty());

    CallToolResult got = call("get_workload", Map.of("name", "web"));
    assertThat(got.isError()).isFalse();
    assertThat(text(got)).contains("web");
    assertThat(structured(got)).containsKeys("workload", "spec", "instances");

    CallToolResult list = call("list_workloads", Map.of("limit", 1));
    assertThat(structured(list)).containsEntry("total", 1);

    CallToolResult instances = call("list_instances", Map.of("workload", "web"));
    assertThat(structured(instances)).containsEntry("total", 2);

    CallToolResult scaled = call("scale_workload", Map.of("name", "web", "replicas", 1));
    assertThat(scaled.isError()).as(text(scaled)).isFalse();
    assertThat(structured(scaled)).containsEntry("name", "web").containsEntry("desired", 1);
    assertThat(server.service().workload("web").workload().spec().replicas()).isEqualTo(1);
    Await.until(
        "one of web's two instances to be asked to stop",
        () ->
            server.service().instances(InstanceFilter.ofWorkload("web")).stream()
                    .filter(i -> i.desired() == DesiredState.RUN)
                    .count()
                == 1);

    CallToolResult refused = call("delete_workload", Map.of("name", "web"));
    assertThat(refused.isError()).isTrue();
    assertThat(text(refused)).contains("confirm");

    CallToolResult deleted = call("delete_workload", Map.of("name", "web", "confirm", true));
    assertThat(deleted.isError()).as(text(deleted)).isFalse();
    Await.until("web to be deleted", () -> isGone("web"));
    // The client hands notifications to their consumer on its own thread, maybe after the result.
    Await.until(
        "a log notification of delete_workload",
        () -> logs.stream().anyMatch(l -> String.valueOf(l.data()).contains("delete_workload")));
  }

  /** Whether the workload {@code name} is gone from the store (deleted, not merely marked). */
  private boolean isGone(String name) {
    try {
      server.service().workload(name);
      return false;
    } catch (NotFoundException gone) {
      return true;
    }
  }

  @Test
  void hostDirectoriesAsImagesAreAToolErrorNamingTheOption() {
    for (String image : List.of("rootfs:/", "oci:/etc")) {
      CallToolResult r =
          call("schedule_workload", Map.of("name", "host", "spec", Map.of("image", image)));
      assertThat(r.isError()).as(image).isTrue();
      assertThat(text(r))
          .contains("INVALID_ARGUMENT")
          .contains("spec.image")
          .contains("--allow-local-images");
      CallToolResult plan =
          call("plan_workload", Map.of("name", "host", "spec", Map.of("image", image)));
      assertThat(plan.isError()).as(image).isTrue();
    }
    assertThat(call("get_workload", Map.of("name", "host")).isError()).isTrue();
  }

  @Test
  @SuppressWarnings("unchecked")
  void getWorkloadAndGetInstanceShowUsageAndScaleSaysWhenBoundsClampedIt() {
    CallToolResult scheduled =
        call(
            "schedule_workload",
            Map.of(
                "name",
                "busy",
                "spec",
                Map.of(
                    "image",
                    "busybox:1.36",
                    "command",
                    List.of("load", "cpu=20m", "memory=4Mi"),
                    "resources",
                    Map.of("cpuMillis", 100, "memoryMiB", 8),
                    "replicas",
                    1,
                    "autoscale",
                    Map.of("minReplicas", 1, "maxReplicas", 2, "targetCpuPercent", 80)),
                "wait",
                true,
                "timeoutSeconds",
                30));
    assertThat(scheduled.isError()).as(text(scheduled)).isFalse();

    Map<String, Object> usage =
        Await.value(
            "get_workload to show a measured usage",
            () -> {
              Map<String, Object> u =
                  (Map<String, Object>)
                      structured(call("get_workload", Map.of("name", "busy"))).get("usage");
              return u != null && ((Number) u.get("instances")).intValue() == 1 ? u : null;
            });
    assertThat(usage)
        .containsEntry("cpuMillis", 20)
        .containsEntry("cpuPercent", 20)
        .containsEntry("memoryMiB", 4)
        .containsEntry("memoryPercent", 50);

    List<Map<String, Object>> instances =
        (List<Map<String, Object>>)
            structured(call("list_instances", Map.of("workload", "busy"))).get("items");
    Map<String, Object> instanceUsage =
        (Map<String, Object>)
            structured(call("get_instance", Map.of("id", instances.get(0).get("id")))).get("usage");
    assertThat(instanceUsage).containsEntry("cpuPercent", 20).containsEntry("memoryMiB", 4);

    CallToolResult scaled = call("scale_workload", Map.of("name", "busy", "replicas", 5));
    assertThat(scaled.isError()).as(text(scaled)).isFalse();
    assertThat(text(scaled))
        .startsWith(
            "scaled busy to 2 (not 5: its autoscale policy keeps it at 1 to 2 replicas at 80%"
                + " CPU of the request)");
    assertThat(call("delete_workload", Map.of("name", "busy", "confirm", true)).isError())
        .isFalse();
    // Other tests count the workloads of this shared server.
    Await.until("busy to be gone", () -> call("get_workload", Map.of("name", "busy")).isError());
  }

  @Test
  void invalidInputIsAToolErrorNamingTheField() {
    CallToolResult r =
        call(
            "schedule_workload",
            Map.of(
                "name",
                "bad",
                "spec",
                Map.of("image", "x:1", "resources", Map.of("memoryMiB", -5))));
    assertThat(r.isError()).isTrue();
    assertThat(text(r)).contains("INVALID_ARGUMENT").contains("spec.resources.memoryMiB");

    CallToolResult phase = call("list_instances", Map.of("phase", "SLEEPING"));
    assertThat(phase.isError()).isTrue();
    assertThat(text(phase)).contains("phase").contains("RUNNING");

    CallToolResult name = call("get_workload", Map.of("name", "Not_A_Label"));
    assertThat(name.isError()).isTrue();
    assertThat(text(name)).contains("name");
  }

  @Test
  void unknownObjectsAreNotFoundToolErrors() {
    for (String tool : List.of("get_workload", "diagnose_workload", "get_node")) {
      CallToolResult r = call(tool, Map.of("name", "nope"));
      assertThat(r.isError()).as(tool).isTrue();
      assertThat(text(r)).contains("NOT_FOUND");
    }
    assertThat(call("get_instance", Map.of("id", "nope-abc")).isError()).isTrue();
  }

  @Test
  @SuppressWarnings("unchecked")
  void nodesClusterEventsAndDiagnosis() throws Exception {
    CallToolResult nodes = call("list_nodes", Map.of());
    assertThat(text(nodes)).contains("node-a");
    assertThat(call("cordon_node", Map.of("name", "node-a")).isError()).isFalse();
    assertThat(structured(call("get_node", Map.of("name", "node-a")))).isNotEmpty();

    call("schedule_workload", Map.of("name", "stuck", "spec", Map.of("image", "busybox:1")));
    CallToolResult diagnosis = call("diagnose_workload", Map.of("name", "stuck"));
    assertThat(diagnosis.isError()).isFalse();
    assertThat(structured(diagnosis)).containsKeys("state", "nextSteps");

    assertThat(call("uncordon_node", Map.of("name", "node-a")).isError()).isFalse();
    Instance placed =
        Instances.await(server, "stuck", "running on node-a", i -> "node-a".equals(i.node()));
    CallToolResult drain = call("drain_node", Map.of("name", "node-a", "confirm", true));
    assertThat(drain.isError()).as(text(drain)).isFalse();
    assertThat((Map<String, Object>) structured(drain).get("node"))
        .containsEntry("name", "node-a")
        .containsEntry("schedulable", false);
    assertThat((Integer) structured(drain).get("stopping")).isPositive();
    assertThat(server.service().instance(placed.id()).desired()).isEqualTo(DesiredState.STOP);
    assertThat(server.service().node("node-a").node().schedulable()).isFalse();

    CallToolResult nodeEvents = call("list_events", Map.of("node", "node-a", "limit", 1));
    assertThat(nodeEvents.isError()).as(text(nodeEvents)).isFalse();
    List<Map<String, Object>> newest =
        (List<Map<String, Object>>) structured(nodeEvents).get("items");
    assertThat(newest)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e)
                    .containsEntry("object", "node/node-a")
                    .containsEntry("reason", "Drained"));
    assertThat((Integer) structured(nodeEvents).get("total")).isGreaterThan(1);
    assertThat(structured(nodeEvents).get("nextCursor")).isNotNull();
    call("uncordon_node", Map.of("name", "node-a"));

    CallToolResult cluster = call("cluster_status", Map.of());
    assertThat(structured(cluster)).containsKeys("nodes", "free");
    CallToolResult events = call("list_events", Map.of("limit", 5));
    assertThat(events.isError()).as(text(events)).isFalse();
    assertThat((List<Object>) structured(events).get("items")).hasSize(5);
    assertThat((Integer) structured(events).get("total")).isGreaterThan(5);
    assertThat(structured(events).get("nextCursor")).isNotNull();
    CallToolResult plan =
        call("plan_workload", Map.of("name", "planned", "spec", Map.of("image", "nginx:1")));
    assertThat(structured(plan)).containsEntry("action", "created");
    call("delete_workload", Map.of("name", "stuck", "confirm", true));
  }

  @Test
  @SuppressWarnings("unchecked")
  void plansAndAppliesIntentsWithStructuredResults() {
    server.intents().warmUp();
    CallToolResult plan =
        call("plan_intent", Map.of("text", "run 2 copies of busybox:1.36 called mcp-intent"));
    assertThat(plan.isError()).as(text(plan)).isFalse();
    Map<String, Object> planned = structured(plan);
    assertThat(planned).containsEntry("outcome", "PLANNED").containsEntry("action", "DEPLOY");
    assertThat((Map<String, Object>) planned.get("spec")).containsEntry("replicas", 2);
    assertThat(server.service().workloads(dev.aino.api.PageRequest.first(100)).items())
        .noneMatch(w -> w.workload().name().equals("mcp-intent"));

    CallToolResult applied =
        call("apply_intent", Map.of("text", "yes", "conversation", planned.get("conversation")));
    assertThat(structured(applied)).containsEntry("outcome", "APPLIED");
    assertThat(server.service().workload("mcp-intent").desired()).isEqualTo(2);

    CallToolResult unconfirmed = call("apply_intent", Map.of("text", "delete mcp-intent"));
    assertThat(unconfirmed.isError()).isTrue();
    assertThat(text(unconfirmed)).contains("confirm");
    assertThat(server.service().workload("mcp-intent").workload().isDeleting()).isFalse();
    CallToolResult deleted =
        call("apply_intent", Map.of("text", "delete mcp-intent", "confirm", true));
    assertThat(structured(deleted)).containsEntry("outcome", "APPLIED");
    // Deleting, or already gone: the simulated instances stop at once.
    assertThat(server.service().workloads(dev.aino.api.PageRequest.first(100)).items())
        .noneMatch(w -> w.workload().name().equals("mcp-intent") && !w.workload().isDeleting());
  }

  @Test
  void resourcesPromptsCompletionsAndSubscriptions() throws Exception {
    assertThat(client.listResources().resources())
        .extracting(McpSchema.Resource::uri)
        .contains("aino://cluster", "aino://workloads");
    assertThat(client.listResourceTemplates().resourceTemplates())
        .extracting(McpSchema.ResourceTemplate::uriTemplate)
        .contains("aino://workloads/{name}");
    client.subscribeResource(new McpSchema.SubscribeRequest("aino://workloads/sub"));
    call("schedule_workload", Map.of("name", "sub", "spec", Map.of("image", "nginx:1")));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!updated.contains("aino://workloads/sub") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(updated).contains("aino://workloads/sub");
    McpSchema.ReadResourceResult read =
        client.readResource(new McpSchema.ReadResourceRequest("aino://workloads/sub"));
    assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text())
        .contains("nginx:1");

    assertThatThrownBy(
            () -> client.readResource(new McpSchema.ReadResourceRequest("aino://workloads/nope")))
        .isInstanceOf(McpError.class)
        .hasMessageContaining("Resource not found");

    assertThat(client.listPrompts().prompts())
        .extracting(McpSchema.Prompt::name)
        .contains("deploy-service", "diagnose-workload", "capacity-report", "scale-for-load");
    McpSchema.GetPromptResult prompt =
        client.getPrompt(
            new McpSchema.GetPromptRequest("diagnose-workload", Map.of("workload", "sub")));
    assertThat(((TextContent) prompt.messages().get(0).content()).text()).contains("\"sub\"");
    McpSchema.CompleteResult completion =
        client.completeCompletion(
            new McpSchema.CompleteRequest(
                new McpSchema.PromptReference("diagnose-workload"),
                new McpSchema.CompleteRequest.CompleteArgument("workload", "su")));
    assertThat(completion.completion().values()).contains("sub");
    call("delete_workload", Map.of("name", "sub", "confirm", true));
  }

  @Test
  void destructiveCallsAskTheUserWhenTheClientCanElicit() {
    List<Boolean> answers = new CopyOnWriteArrayList<>(List.of(false, true));
    List<String> questions = new CopyOnWriteArrayList<>();
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(server.baseUri().toString())
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN))
            .build();
    McpSyncClient eliciting =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(30))
            .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
            .elicitation(
                request -> {
                  questions.add(request.message());
                  return new McpSchema.ElicitResult(
                      McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", answers.remove(0)));
                })
            .build();
    try {
      eliciting.initialize();
      eliciting.callTool(
          new CallToolRequest(
              "schedule_workload", Map.of("name", "asked", "spec", Map.of("image", "nginx:1"))));
      CallToolResult declined =
          eliciting.callTool(new CallToolRequest("delete_workload", Map.of("name", "asked")));
      assertThat(declined.isError()).isTrue();
      assertThat(text(declined)).contains("did not confirm");
      CallToolResult confirmed =
          eliciting.callTool(new CallToolRequest("delete_workload", Map.of("name", "asked")));
      assertThat(confirmed.isError()).as(text(confirmed)).isFalse();
      assertThat(questions).hasSize(2).allSatisfy(q -> assertThat(q).contains("asked"));
    } finally {
      eliciting.closeGracefully();
    }
  }

  @Test
  void refusesMissingTokenAndForeignOrigin() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String init =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    HttpRequest.Builder base =
        HttpRequest.newBuilder(server.baseUri().resolve("/mcp"))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(init));
    assertThat(http.send(base.copy().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
    HttpResponse<String> foreign =
        http.send(
            base.copy()
                .header("Authorization", "Bearer " + TOKEN)
                .header("Origin", "http://evil.example")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    HttpResponse<String> ok =
        http.send(
            base.copy().header("Authorization", "Bearer " + TOKEN).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
  }
}
