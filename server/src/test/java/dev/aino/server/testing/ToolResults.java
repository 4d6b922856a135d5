package dev.aino.server.testing;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.Map;

/** What the MCP tests read from a tool result: its one-line text and its structured content. */
public final class ToolResults {
  private ToolResults() {}

  /** The text of the result's first content item (every aino tool answers with one). */
  public static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }

  /** The result's structured content, as the client decoded it. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> structured(CallToolResult result) {
    return (Map<String, Object>) result.structuredContent();
  }
}
