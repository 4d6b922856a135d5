package dev.aino.server.http;

import dev.aino.api.ChangeFeed;
import dev.aino.api.OrchestratorService;
import dev.aino.mcp.AinoMcpServer;
import dev.aino.mcp.McpAuthenticator;
import dev.aino.mcp.McpOptions;
import io.javalin.config.JavalinConfig;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * MCP over Streamable HTTP at {@code /mcp}: the MCP SDK's servlet mounted in Javalin's Jetty
 * context beside Javalin's own servlet. Requests to it bypass Javalin's handlers, so the bearer
 * token is checked by the same {@link BearerAuth} code through the MCP request guard.
 */
public final class McpComponent implements HttpComponent, AutoCloseable {
  private final AinoMcpServer mcp;

  private McpComponent(AinoMcpServer mcp) {
    this.mcp = mcp;
  }

  /** The MCP server for {@code service}, guarded by the settings' token. */
  public static McpComponent create(
      OrchestratorService service, ChangeFeed feed, McpOptions options, HttpSettings http) {
    McpAuthenticator auth =
        http.token()
            .<McpAuthenticator>map(t -> new BearerAuth(t, Set.of())::authenticate)
            .orElse(McpAuthenticator.NONE);
    return new McpComponent(AinoMcpServer.streamableHttp(service, feed, options, auth));
  }

  @Override
  public void configure(JavalinConfig config) {
    config.jetty.modifyServletContextHandler(
        context -> {
          ServletHolder holder = new ServletHolder("mcp", mcp.servlet());
          holder.setAsyncSupported(true);
          context.addServlet(holder, AinoMcpServer.PATH);
        });
  }

  @Override
  public void close() {
    mcp.close();
  }
}
