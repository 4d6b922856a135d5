package dev.aino.bench.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How big each answer is: what an agent pays in context for it.
 *
 * @param operation the read
 * @param resultBytes the MCP JSON-RPC {@code result} (text and structured content), as JSON
 * @param textBytes the MCP text content alone
 * @param restBytes the REST response bodies, together
 */
record ResponseSizes(Operation operation, int resultBytes, int textBytes, int restBytes) {

  /** One call of each operation through each surface. */
  static List<ResponseSizes> measure(
      List<Operation> operations, McpSdkSurface mcp, RestSurface rest) throws Exception {
    List<ResponseSizes> sizes = new ArrayList<>();
    try (McpSdkSurface.McpSession mcpSession = mcp.open();
        RestSurface.RestSession restSession = rest.open()) {
      for (Operation operation : operations) {
        CallToolResult result = mcpSession.result(operation);
        int restBytes = 0;
        for (String path : operation.restPaths()) {
          restBytes += restSession.body(path).length;
        }
        String json = McpJsonDefaults.getMapper().writeValueAsString(result);
        sizes.add(
            new ResponseSizes(
                operation,
                json.getBytes(StandardCharsets.UTF_8).length,
                McpSdkSurface.McpSession.text(result).getBytes(StandardCharsets.UTF_8).length,
                restBytes));
      }
    }
    return sizes;
  }
}
