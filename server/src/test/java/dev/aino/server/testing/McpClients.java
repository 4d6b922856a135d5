package dev.aino.server.testing;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The SDK's Java MCP client, set up for {@code /mcp} of a test server. */
public final class McpClients {
  private McpClients() {}

  /**
   * A sync client over Streamable HTTP to {@code base}/mcp with the bearer token; 30 s timeout. It
   * checks every tool result's structured content against the tool's output schema (the SDK lists
   * the tools once for that and fails the call on a mismatch), so every MCP test also proves that
   * the schemas a model sees describe the real results.
   */
  public static McpClient.SyncSpec streamableHttp(URI base, String token) {
    HttpClientStreamableHttpTransport transport =
        HttpClientStreamableHttpTransport.builder(base.toString())
            .endpoint("/mcp")
            .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
            .build();
    return McpClient.sync(transport)
        .requestTimeout(Duration.ofSeconds(30))
        .enableCallToolSchemaCaching(true);
  }
}
