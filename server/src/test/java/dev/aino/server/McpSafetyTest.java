package dev.aino.server;

import static dev.aino.server.testing.ToolResults.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.NotFoundException;
import dev.aino.model.InstancePhase;
import dev.aino.model.WorkloadSpec;
import dev.aino.server.testing.AinoMcpProcess;
import dev.aino.server.testing.Instances;
import dev.aino.server.testing.McpClients;
import dev.aino.server.testing.TestServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP safety switches on the real tools: {@code --mcp-read-only} and {@code
 * --mcp-disable-destructive} over HTTP and stdio, how each of the 20 tools is classed, the
 * confirmation {@code drain_node} asks for, and the Host check against DNS rebinding.
 */
class McpSafetyTest {
  private static final String TOKEN = "safety-token";

  /** The tools that change nothing. */
  private static final Set<String> READ =
      Set.of(
          "plan_workload",
          "list_workloads",
          "get_workload",
          "diagnose_workload",
          "list_instances",
          "get_instance",
          "get_logs",
          "list_nodes",
          "get_node",
          "cluster_status",
          "list_events",
          "plan_intent");

  /** The tools that change something but stop or remove nothing. */
  private static final Set<String> WRITE =
      Set.of("schedule_workload", "scale_workload", "cordon_node", "uncordon_node");

  /** The tools that stop or remove things. */
  private static final Set<String> DESTRUCTIVE =
      Set.of("delete_workload", "restart_instance", "drain_node", "apply_intent");

  @TempDir Path dataDir;

  @Test
  void everyRealToolIsClassedAsReadWriteOrDestructive() {
    assertThat(union(READ, WRITE, DESTRUCTIVE)).hasSize(20);
    try (AinoServer server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN))) {
      McpSyncClient client = http(server, Function.identity());
      try {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools)
            .extracting(McpSchema.Tool::name)
            .containsExactlyInAnyOrderElementsOf(union(READ, WRITE, DESTRUCTIVE));
        for (McpSchema.Tool tool : tools) {
          McpSchema.ToolAnnotations hints = tool.annotations();
          if (READ.contains(tool.name())) {
            assertThat(hints.readOnlyHint()).as(tool.name()).isTrue();
          } else {
            assertThat(hints.readOnlyHint()).as(tool.name()).isFalse();
            assertThat(hints.destructiveHint())
                .as(tool.name() + " destructive")
                .isEqualTo(DESTRUCTIVE.contains(tool.name()));
          }
        }
      } finally {
        client.closeGracefully();
      }
    }
  }

  @Test
  void readOnlyOverHttpListsOnlyReadToolsAndRefusesTheOthers() {
    try (AinoServer server =
        TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN), "--mcp-read-only")) {
      McpSyncClient client = http(server, Function.identity());
      try {
        assertListsExactly(client, READ);
        assertRefused(client, "schedule_workload", scheduleArgs("sneaky"));
        assertThat(workloadExists(server, "sneaky")).isFalse();
        assertRefused(client, "cordon_node", Map.of("name", TestServer.NODE));
        assertThat(server.service().node(TestServer.NODE).node().schedulable()).isTrue();
        CallToolResult status = client.callTool(new CallToolRequest("cluster_status", Map.of()));
        assertThat(status.isError()).as(text(status)).isFalse();
      } finally {
        client.closeGracefully();
      }
    }
  }

  @Test
  void disableDestructiveOverHttpHidesDeleteRestartAndDrain() {
    try (AinoServer server =
        TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN), "--mcp-disable-destructive")) {
      McpSyncClient client = http(server, Function.identity());
      try {
        assertListsExactly(client, union(READ, WRITE));
        CallToolResult scheduled =
            client.callTool(new CallToolRequest("schedule_workload", scheduleArgs("kept")));
        assertThat(scheduled.isError()).as(text(scheduled)).isFalse();
        assertRefused(client, "delete_workload", Map.of("name", "kept", "confirm", true));
        assertRefused(client, "drain_node", Map.of("name", TestServer.NODE, "confirm", true));
        assertThat(server.service().workload("kept").workload().isDeleting()).isFalse();
        assertThat(server.service().node(TestServer.NODE).node().schedulable()).isTrue();
      } finally {
        client.closeGracefully();
      }
    }
  }

  @Test
  void readOnlyAndDisableDestructiveOverStdio() {
    McpSyncClient readOnly = stdio("--read-only");
    try {
      assertListsExactly(readOnly, READ);
      assertRefused(readOnly, "schedule_workload", scheduleArgs("sneaky"));
      CallToolResult list = readOnly.callTool(new CallToolRequest("list_workloads", Map.of()));
      assertThat(text(list)).startsWith("0 workload(s)");
    } finally {
      readOnly.closeGracefully();
    }
    McpSyncClient noDestructive = stdio("--mcp-disable-destructive");
    try {
      assertListsExactly(noDestructive, union(READ, WRITE));
      assertRefused(noDestructive, "drain_node", Map.of("name", "stdio-node", "confirm", true));
      CallToolResult node =
          noDestructive.callTool(new CallToolRequest("get_node", Map.of("name", "stdio-node")));
      assertThat(text(node)).startsWith("stdio-node READY,").doesNotContain("cordoned");
    } finally {
      noDestructive.closeGracefully();
    }
  }

  @Test
  void drainNodeAsksTheUserAndDrainsOnlyOnYes() {
    List<Boolean> answers = new CopyOnWriteArrayList<>(List.of(false, true));
    List<String> questions = new CopyOnWriteArrayList<>();
    try (AinoServer server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN))) {
      server.service().apply("web", WorkloadSpec.builder("nginx:1").build());
      Instances.await(
          server, "web", "running", i -> i.phase() == InstancePhase.RUNNING && i.node() != null);
      McpSyncClient eliciting =
          http(
              server,
              spec ->
                  spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                      .elicitation(
                          request -> {
                            questions.add(request.message());
                            return new McpSchema.ElicitResult(
                                McpSchema.ElicitResult.Action.ACCEPT,
                                Map.of("confirm", answers.remove(0)));
                          }));
      try {
        CallToolResult declined =
            eliciting.callTool(new CallToolRequest("drain_node", Map.of("name", TestServer.NODE)));
        assertThat(declined.isError()).isTrue();
        assertThat(text(declined)).contains("did not confirm");
        assertThat(server.service().node(TestServer.NODE).node().schedulable()).isTrue();

        CallToolResult drained =
            eliciting.callTool(new CallToolRequest("drain_node", Map.of("name", TestServer.NODE)));
        assertThat(drained.isError()).as(text(drained)).isFalse();
        assertThat(text(drained)).contains("drained " + TestServer.NODE, "1 instance(s) stopping");
        assertThat(server.service().node(TestServer.NODE).node().schedulable()).isFalse();
        assertThat(questions)
            .hasSize(2)
            .allSatisfy(q -> assertThat(q).contains("Drain node " + TestServer.NODE, "1 instance"));
      } finally {
        eliciting.closeGracefully();
      }
    }
  }

  @Test
  void aForeignHostIsMisdirectedUnlessAllowed() throws IOException {
    try (AinoServer server =
        TestServer.start(
            dataDir, Map.of("AINO_TOKEN", TOKEN), "--mcp-allowed-host", "aino.example.com:*")) {
      // No Origin at all: the Host header alone decides, as in a DNS-rebinding attack from a
      // client that is not a browser.
      assertThat(initializeWithHost(server, "127.0.0.1:" + server.port())).isEqualTo(200);
      assertThat(initializeWithHost(server, "localhost:" + server.port())).isEqualTo(200);
      assertThat(initializeWithHost(server, "rebound.example.net:" + server.port())).isEqualTo(421);
      assertThat(initializeWithHost(server, "aino.example.com:8443")).isEqualTo(200);
      assertThat(initializeWithHost(server, "aino.example.com.evil.net:8443")).isEqualTo(421);
    }
  }

  @Test
  void withoutTheOptionOnlyLoopbackHostsAreServed() throws IOException {
    try (AinoServer server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN))) {
      assertThat(initializeWithHost(server, "aino.example.com:8443")).isEqualTo(421);
      assertThat(initializeWithHost(server, "[::1]:" + server.port())).isEqualTo(200);
    }
  }

  /**
   * Sends an MCP initialize to {@code /mcp} with the token and the given Host header over a plain
   * socket (the JDK's HTTP client does not let a caller set Host), and returns the status code.
   */
  private static int initializeWithHost(AinoServer server, String host) throws IOException {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String request =
        "POST /mcp HTTP/1.1\r\n"
            + "Host: "
            + host
            + "\r\n"
            + "Authorization: Bearer "
            + TOKEN
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Accept: application/json, text/event-stream\r\n"
            + "Content-Length: "
            + bytes.length
            + "\r\n"
            + "Connection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder statusLine = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        statusLine.append((char) c);
      }
      String[] parts = statusLine.toString().split(" ");
      assertThat(parts).as("status line " + statusLine).hasSizeGreaterThan(1);
      return Integer.parseInt(parts[1]);
    }
  }

  private static McpSyncClient http(
      AinoServer server, Function<McpClient.SyncSpec, McpClient.SyncSpec> customize) {
    McpSyncClient client =
        customize.apply(McpClients.streamableHttp(server.baseUri(), TOKEN)).build();
    client.initialize();
    return client;
  }

  private McpSyncClient stdio(String flag) {
    McpSyncClient client =
        McpClient.sync(
                AinoMcpProcess.transport(
                    Map.of(),
                    "--embedded",
                    "--store",
                    "memory",
                    "--data-dir",
                    dataDir.resolve(flag).toString(),
                    "--node-name",
                    "stdio-node",
                    "--runtime",
                    "simulated",
                    flag))
            .requestTimeout(Duration.ofSeconds(60))
            .build();
    client.initialize();
    return client;
  }

  private static void assertListsExactly(McpSyncClient client, Set<String> tools) {
    assertThat(client.listTools().tools())
        .extracting(McpSchema.Tool::name)
        .containsExactlyInAnyOrderElementsOf(tools);
  }

  /**
   * A call of a tool the server does not offer is refused as an invalid request (JSON-RPC -32602)
   * whose detail names the tool; the callers check that nothing changed.
   */
  private static void assertRefused(McpSyncClient client, String tool, Map<String, Object> args) {
    assertThatThrownBy(() -> client.callTool(new CallToolRequest(tool, args)))
        .as(tool)
        .isInstanceOfSatisfying(
            McpError.class,
            refused -> {
              assertThat(refused.getJsonRpcError().code())
                  .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS);
              assertThat(String.valueOf(refused.getJsonRpcError().data()))
                  .isEqualTo("Tool not found: " + tool);
            });
  }

  private static Map<String, Object> scheduleArgs(String name) {
    return Map.of("name", name, "spec", Map.of("image", "nginx:1"));
  }

  private static boolean workloadExists(AinoServer server, String name) {
    try {
      server.service().workload(name);
      return true;
    } catch (NotFoundException missing) {
      return false;
    }
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return all;
  }
}
