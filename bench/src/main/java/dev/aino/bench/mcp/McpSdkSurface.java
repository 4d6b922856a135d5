package dev.aino.bench.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The MCP SDK's Java client over Streamable HTTP to {@code /mcp}, one initialized client each, as
 * an agent written in Java calls aino; its row over {@link McpJdkSurface}'s is the SDK client's own
 * cost per call.
 */
final class McpSdkSurface implements Surface {
  private final URI base;
  private final String token;

  McpSdkSurface(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  @Override
  public String name() {
    return "MCP-SDK";
  }

  @Override
  public McpSession open() {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(base.toString())
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
            .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build();
    client.initialize();
    return new McpSession(client);
  }

  /** One initialized MCP session. */
  static final class McpSession implements Session {
    private final McpSyncClient client;

    private McpSession(McpSyncClient client) {
      this.client = client;
    }

    @Override
    public void call(Operation operation) {
      result(operation);
    }

    /** The tool's result, checked for success. */
    CallToolResult result(Operation operation) {
      CallToolResult result =
          client.callTool(new CallToolRequest(operation.tool(), operation.arguments()));
      if (Boolean.TRUE.equals(result.isError())) {
        throw new IllegalStateException(operation.tool() + " failed: " + text(result));
      }
      return result;
    }

    static String text(CallToolResult result) {
      return result.content().isEmpty() || !(result.content().get(0) instanceof TextContent t)
          ? ""
          : t.text();
    }

    @Override
    public void close() {
      client.closeGracefully();
    }
  }
}
