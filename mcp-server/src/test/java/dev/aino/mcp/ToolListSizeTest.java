package dev.aino.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.mcp.tools.ToolAdapter;
import dev.aino.mcp.tools.Toolset;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the size of {@code tools/list}, which every MCP client sends to its model at the start of
 * every conversation: the default list must fit in {@value #BUDGET_BYTES} bytes (about 5,000
 * tokens). Writes the bytes per tool and per toolset to {@code target/tool-list-sizes.txt} (and the
 * test output), so that growth shows in every build.
 */
class ToolListSizeTest {
  static final int BUDGET_BYTES = 20_000;

  private static final McpJsonMapper MAPPER = AinoMcpServer.jsonMapper();
  private static final StringBuilder REPORT = new StringBuilder();

  @BeforeAll
  static void header() {
    REPORT.setLength(0);
  }

  /** Every tool the server can serve, the intent tools included. */
  private static java.util.List<dev.aino.mcp.tools.ToolSpec<?>> tools() {
    dev.aino.api.OrchestratorService service = TestService.empty();
    return AinoMcpServer.tools(service, new dev.aino.intent.IntentEngine(service));
  }

  /** The bytes of the JSON-RPC answer to tools/list, as the server sends it. */
  static int listBytes(Set<Toolset> toolsets) throws IOException {
    McpOptions options = McpOptions.defaults().withToolsets(toolsets);
    List<McpSchema.Tool> tools =
        ToolAdapter.adapt(tools(), options).stream().map(SyncToolSpecification::tool).toList();
    McpSchema.JSONRPCResponse answer =
        new McpSchema.JSONRPCResponse(
            McpSchema.JSONRPC_VERSION, 1, new McpSchema.ListToolsResult(tools, null), null);
    return MAPPER.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void theDefaultListFitsTheBudgetAndTheSizesAreReported() throws IOException {
    List<SyncToolSpecification> every =
        ToolAdapter.adapt(tools(), McpOptions.defaults().withToolsets(Toolset.all()));
    REPORT.append(
        String.format("%-20s %-8s %6s %6s %6s%n", "tool", "toolset", "bytes", "in", "out"));
    for (SyncToolSpecification s : every) {
      McpSchema.Tool t = s.tool();
      REPORT.append(
          String.format(
              "%-20s %-8s %6d %6d %6d%n",
              t.name(),
              t.meta().get(ToolAdapter.TOOLSET_META),
              bytes(t),
              bytes(t.inputSchema()),
              bytes(t.outputSchema())));
    }
    for (Toolset set : Toolset.values()) {
      REPORT.append(
          String.format("toolset %-8s %6d bytes%n", set.id(), listBytes(EnumSet.of(set))));
    }
    int all = listBytes(Toolset.all());
    REPORT.append(String.format("tools/list (all) %6d bytes%n", all));
    int total = listBytes(Toolset.defaults());
    REPORT.append(
        String.format("tools/list (default) %6d bytes, budget %d%n", total, BUDGET_BYTES));
    System.out.print(REPORT);
    Files.writeString(Path.of("target", "tool-list-sizes.txt"), REPORT.toString());

    assertThat(total).as("bytes of the default tools/list").isLessThanOrEqualTo(BUDGET_BYTES);
  }

  private static int bytes(Object value) throws IOException {
    return MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
  }
}
