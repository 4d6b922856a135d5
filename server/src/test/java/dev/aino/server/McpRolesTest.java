package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.Role;
import dev.aino.json.Json;
import dev.aino.model.Event;
import dev.aino.model.ObjectRef;
import dev.aino.server.http.TokensFile;
import dev.aino.server.testing.McpClients;
import dev.aino.server.testing.TestServer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP over Streamable HTTP with named callers: each tool call is made as the caller whose token the
 * request carries, so a viewer's change is refused naming it, an operator's is recorded with its
 * name, and two agents scaling from one read cannot overwrite each other unseen.
 */
class McpRolesTest {
  private static final String ADMIN = "mcp-roles-admin-token";
  private static final String READ_TOKEN = "mcp-roles-read-token";

  /** The tools that change nodes: an operator may change workloads only. */
  private static final Set<String> NODE_CHANGES =
      Set.of("cordon_node", "uncordon_node", "drain_node");

  @TempDir static Path dataDir;

  private static AinoServer server;
  private static String viewerToken;
  private static String operatorToken;

  @BeforeAll
  static void start() {
    Path tokens = dataDir.resolve("tokens");
    viewerToken = TokensFile.create(tokens, "dashboard", Role.VIEWER);
    operatorToken = TokensFile.create(tokens, "cost-bot", Role.OPERATOR);
    server =
        TestServer.start(
            dataDir,
            Map.of("AINO_TOKEN", ADMIN),
            "--tokens-file",
            tokens.toString(),
            "--read-token",
            READ_TOKEN,
            "--mcp-toolsets",
            "all");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static McpSyncClient connect(String token) {
    McpSyncClient client = McpClients.streamableHttp(server.baseUri(), token).build();
    client.initialize();
    return client;
  }

  private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
    return client.callTool(new CallToolRequest(tool, args));
  }

  private static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  private static JsonNode structured(CallToolResult result) {
    return Json.mapper().valueToTree(result.structuredContent());
  }

  @Test
  void aViewerReadsButItsChangesAreRefusedNamingItAndItsRole() {
    McpSyncClient viewer = connect(viewerToken);
    try {
      assertThat(call(viewer, "list_workloads", Map.of()).isError()).isFalse();
      CallToolResult refused =
          call(
              viewer,
              "schedule_workload",
              Map.of("name", "sneaky", "spec", Map.of("image", "busybox")));
      assertThat(refused.isError()).isTrue();
      assertThat(text(refused))
          .contains("PERMISSION_DENIED", "dashboard may not call schedule_workload")
          .contains("the role viewer reads only");
      assertThat(server.service().workloads(dev.aino.api.PageRequest.first(50)).items())
          .noneMatch(w -> w.workload().name().equals("sneaky"));
    } finally {
      viewer.closeGracefully();
    }
  }

  private static List<McpSchema.Tool> listed(McpSyncClient client) {
    return client.listTools().tools();
  }

  @Test
  void eachCallerIsListedOnlyTheToolsItsRoleMayCallAndTheOthersAreRefusedNamingTheRole() {
    McpSyncClient admin = connect(ADMIN);
    McpSyncClient operator = connect(operatorToken);
    McpSyncClient viewer = connect(viewerToken);
    McpSyncClient reader = connect(READ_TOKEN);
    try {
      List<McpSchema.Tool> all = listed(admin);
      assertThat(all).extracting(McpSchema.Tool::name).containsAll(NODE_CHANGES);
      List<String> reads =
          all.stream()
              .filter(t -> Boolean.TRUE.equals(t.annotations().readOnlyHint()))
              .map(McpSchema.Tool::name)
              .toList();
      assertThat(reads).contains("list_workloads", "list_endpoints", "cluster_status");

      // A viewer, named in the tokens file or holding --read-token, is offered the reads only.
      assertThat(listed(viewer)).extracting(McpSchema.Tool::name).containsExactlyElementsOf(reads);
      assertThat(listed(reader)).extracting(McpSchema.Tool::name).containsExactlyElementsOf(reads);
      // An operator changes workloads but not nodes.
      assertThat(listed(operator))
          .extracting(McpSchema.Tool::name)
          .contains("schedule_workload", "delete_workload", "restart_instance", "apply_intent")
          .doesNotContainAnyElementsOf(NODE_CHANGES)
          .hasSize(all.size() - NODE_CHANGES.size());

      CallToolResult drain =
          call(operator, "drain_node", Map.of("name", TestServer.NODE, "confirm", true));
      assertThat(drain.isError()).isTrue();
      assertThat(text(drain))
          .contains("PERMISSION_DENIED", "cost-bot may not call drain_node")
          .contains("the role operator may change workloads but not nodes");
      CallToolResult cordon = call(reader, "cordon_node", Map.of("name", TestServer.NODE));
      assertThat(text(cordon)).contains("may not call cordon_node", "the role viewer reads only");
      assertThat(server.service().node(TestServer.NODE).node().schedulable()).isTrue();
      CallToolResult read = call(reader, "cluster_status", Map.of());
      assertThat(read.isError()).as(text(read)).isFalse();
    } finally {
      admin.closeGracefully();
      operator.closeGracefully();
      viewer.closeGracefully();
      reader.closeGracefully();
    }
  }

  @Test
  void anOperatorChangesWorkloadsButItsDrainIsRefusedNamingItAndItsRole() {
    McpSyncClient operator = connect(operatorToken);
    try {
      CallToolResult refused =
          call(operator, "drain_node", Map.of("name", TestServer.NODE, "confirm", true));
      assertThat(refused.isError()).isTrue();
      assertThat(text(refused))
          .contains("PERMISSION_DENIED", "cost-bot may not call drain_node")
          .contains("the role operator may change workloads but not nodes");
      assertThat(server.service().node(TestServer.NODE).node().schedulable()).isTrue();
    } finally {
      operator.closeGracefully();
    }
  }

  @Test
  void aWorkloadAnotherAgentManagesStrictlyIsScaledOnlyWithForceAndShowsItsManager() {
    server
        .service()
        .as(new dev.aino.api.Caller("deploy-bot", Role.OPERATOR, dev.aino.api.Surface.REST))
        .apply(
            "strict-web",
            dev.aino.model.WorkloadSpec.builder("busybox").replicas(1).build(),
            new dev.aino.api.ChangeOptions(null, false, null, dev.aino.model.Ownership.STRICT));
    McpSyncClient operator = connect(operatorToken);
    try {
      CallToolResult listed = call(operator, "get_workload", Map.of("name", "strict-web"));
      assertThat(structured(listed).path("workload").path("manager").asText())
          .isEqualTo("deploy-bot");
      CallToolResult refused =
          call(operator, "scale_workload", Map.of("name", "strict-web", "replicas", 2));
      assertThat(refused.isError()).isTrue();
      assertThat(text(refused))
          .contains("OWNED_BY_ANOTHER", "cost-bot may not scale workload strict-web")
          .contains("managed by deploy-bot");
      assertThat(server.service().workload("strict-web").desired()).isEqualTo(1);

      CallToolResult forced =
          call(
              operator,
              "scale_workload",
              Map.of("name", "strict-web", "replicas", 2, "force", true));
      assertThat(forced.isError()).as(text(forced)).isFalse();
      assertThat(server.service().workload("strict-web").desired()).isEqualTo(2);
      assertThat(server.service().events(ObjectRef.workload("strict-web")))
          .anySatisfy(
              e -> {
                assertThat(e.reason()).isEqualTo("ManagerOverride");
                assertThat(e.actor().name()).isEqualTo("cost-bot");
              });
    } finally {
      operator.closeGracefully();
    }
  }

  @Test
  void twoAgentsScaleFromOneReadOneWinsTheOtherGetsAConflictWithTheCurrentStateAndRetries() {
    McpSyncClient operator = connect(operatorToken);
    McpSyncClient admin = connect(ADMIN);
    try {
      CallToolResult created =
          call(
              operator,
              "schedule_workload",
              Map.of("name", "web", "spec", Map.of("image", "busybox", "replicas", 1)));
      assertThat(created.isError()).as(text(created)).isFalse();
      long read = server.service().workload("web").workload().generation();

      CallToolResult first =
          call(
              operator,
              "scale_workload",
              Map.of("name", "web", "replicas", 3, "expected_generation", read));
      assertThat(first.isError()).as(text(first)).isFalse();
      CallToolResult second =
          call(
              admin,
              "scale_workload",
              Map.of("name", "web", "replicas", 5, "expected_generation", read));
      assertThat(second.isError()).isTrue();
      assertThat(text(second)).contains("CONFLICT", "is at generation " + (read + 1));
      JsonNode current = structured(second).path("error").path("current");
      assertThat(current.path("generation").asLong()).isEqualTo(read + 1);
      assertThat(server.service().workload("web").desired()).isEqualTo(3);

      CallToolResult retried =
          call(
              admin,
              "scale_workload",
              Map.of("name", "web", "replicas", 5, "expected_generation", read + 1));
      assertThat(retried.isError()).as(text(retried)).isFalse();
      assertThat(server.service().workload("web").desired()).isEqualTo(5);

      List<Event> events = server.service().events(ObjectRef.workload("web"));
      Event createdEvent =
          events.stream().filter(e -> e.reason().equals("Created")).findFirst().orElseThrow();
      assertThat(createdEvent.actor().describe()).isEqualTo("cost-bot (operator) via mcp");
      Event scaled =
          events.stream().filter(e -> e.reason().equals("Scaled")).findFirst().orElseThrow();
      assertThat(scaled.actor().name()).isEqualTo("admin");
    } finally {
      operator.closeGracefully();
      admin.closeGracefully();
    }
  }
}
