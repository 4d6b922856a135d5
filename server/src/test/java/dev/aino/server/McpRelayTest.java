package dev.aino.server;

import static dev.aino.server.testing.ToolResults.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.aino.model.Workload;
import dev.aino.model.WorkloadSpec;
import dev.aino.server.testing.AinoMcpProcess;
import dev.aino.server.testing.TestServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ElicitResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aino mcp --server URL} (stdio to Streamable HTTP) as a child JVM between the SDK's stdio
 * client and a real in-process server: what the server sends on its own (elicitation requests,
 * progress, log and resource notifications) reaches the client, and a wrong token or an unreachable
 * server is one clear error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpRelayTest {
  private static final String TOKEN = "relay-test-token";

  @TempDir static Path dataDir;
  private AinoServer server;

  @BeforeAll
  void start() {
    server = TestServer.start(dataDir, Map.of("AINO_TOKEN", TOKEN));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private StdioClientTransport relay(String token) {
    return AinoMcpProcess.transport(
        Map.of("AINO_TOKEN", token), "--server", server.baseUri().toString());
  }

  /** Whether the workload is being deleted or already gone. */
  private boolean deleting(String name) {
    return server.store().workload(name).map(Workload::isDeleting).orElse(true);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void elicitationRequestsReachTheClientAndItsAnswersDecide() {
    server.service().apply("relay-gone", WorkloadSpec.builder("nginx:1").build());
    server.service().apply("relay-kept", WorkloadSpec.builder("nginx:1").build());
    List<ElicitResult> answers =
        new CopyOnWriteArrayList<>(
            List.of(
                new ElicitResult(ElicitResult.Action.ACCEPT, Map.of("confirm", true)),
                new ElicitResult(ElicitResult.Action.DECLINE, null)));
    List<String> questions = new CopyOnWriteArrayList<>();
    McpSyncClient client =
        McpClient.sync(relay(TOKEN))
            .requestTimeout(Duration.ofSeconds(60))
            .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
            .elicitation(
                request -> {
                  questions.add(request.message());
                  return answers.remove(0);
                })
            .build();
    try {
      client.initialize();
      CallToolResult accepted =
          client.callTool(new CallToolRequest("delete_workload", Map.of("name", "relay-gone")));
      assertThat(accepted.isError()).as(text(accepted)).isFalse();
      assertThat(deleting("relay-gone")).isTrue();

      CallToolResult declined =
          client.callTool(new CallToolRequest("delete_workload", Map.of("name", "relay-kept")));
      assertThat(declined.isError()).isTrue();
      assertThat(text(declined)).contains("did not confirm (DECLINE)");
      assertThat(deleting("relay-kept")).isFalse();

      assertThat(questions)
          .hasSize(2)
          .satisfiesExactly(
              q -> assertThat(q).contains("relay-gone"), q -> assertThat(q).contains("relay-kept"));
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void progressLogAndResourceNotificationsReachTheClient() throws InterruptedException {
    List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
    List<String> updated = new CopyOnWriteArrayList<>();
    McpSyncClient client =
        McpClient.sync(relay(TOKEN))
            .requestTimeout(Duration.ofSeconds(60))
            .progressConsumer(progress::add)
            .loggingConsumer(logs::add)
            .resourcesUpdateConsumer(contents -> contents.forEach(c -> updated.add(c.uri())))
            .build();
    try {
      client.initialize();
      client.setLoggingLevel(LoggingLevel.INFO);
      CallToolResult scheduled =
          client.callTool(
              CallToolRequest.builder()
                  .name("schedule_workload")
                  .arguments(
                      Map.of(
                          "name",
                          "relay-web",
                          "spec",
                          Map.of("image", "nginx:1", "replicas", 2),
                          "wait",
                          true))
                  .progressToken("relay-progress")
                  .build());
      assertThat(scheduled.isError()).as(text(scheduled)).isFalse();
      // Notifications reach their consumers on the client's own thread, maybe after the result.
      await("progress notifications", () -> !progress.isEmpty());
      assertThat(progress)
          .allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("relay-progress"));
      await(
          "a log notification of schedule_workload",
          () ->
              logs.stream()
                  .anyMatch(
                      l ->
                          String.valueOf(l.data()).contains("schedule_workload")
                              && String.valueOf(l.data()).contains("relay-web")));

      String uri = "aino://workloads/relay-web";
      client.subscribeResource(new McpSchema.SubscribeRequest(uri));
      // Changed by someone else, not through this session: only the subscription tells the client.
      server.service().scale("relay-web", 3);
      await(uri + " updated", () -> updated.contains(uri));
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void aWrongTokenIsOneClearError() {
    assertThat(initializeError(relay("not-the-token")))
        .contains("aino refused the token")
        .contains("AINO_TOKEN");
  }

  @Test
  void anUnreachableServerIsOneClearError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    assertThat(
            initializeError(AinoMcpProcess.transport(Map.of("AINO_TOKEN", TOKEN), "--server", url)))
        .contains("cannot reach aino at " + url + "/mcp")
        .doesNotContain("null");
  }

  /**
   * The message of the JSON-RPC error that the relay answers {@code initialize} with, after
   * checking that it printed no stack trace.
   */
  private static String initializeError(StdioClientTransport transport) {
    List<String> stderr = new CopyOnWriteArrayList<>();
    transport.setStdErrorHandler(stderr::add);
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    Throwable failure;
    try {
      failure = catchThrowable(client::initialize);
    } finally {
      client.closeGracefully();
    }
    // The SDK wraps the JSON-RPC error in exceptions of its own.
    Throwable cause = failure;
    while (cause != null && !(cause instanceof McpError)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("an McpError in %s", failure).isNotNull();
    assertNoStackTrace(stderr);
    return cause.getMessage();
  }

  private static void assertNoStackTrace(List<String> stderr) {
    List<String> lines = new ArrayList<>(stderr);
    assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith("\tat "));
    assertThat(lines).noneSatisfy(l -> assertThat(l).contains("Exception"));
  }
}
