package dev.aino.server.http;

import dev.aino.api.ChangeFeed;
import dev.aino.api.OrchestratorService;
import dev.aino.intent.IntentEngine;
import dev.aino.mcp.AinoMcpServer;
import dev.aino.mcp.McpAuthenticator;
import dev.aino.mcp.McpOptions;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * MCP over Streamable HTTP at {@code /mcp}: the MCP SDK's servlet mounted in Javalin's Jetty
 * context beside Javalin's own servlet. Requests to it bypass Javalin's handlers but not the {@link
 * RequestGuard}, which checks Host, Origin, token and Content-Type for every servlet, so /mcp
 * refuses exactly as the REST routes do; the MCP transport's own guard checks the same token again.
 */
public final class McpComponent implements HttpComponent, AutoCloseable {
  private final CompletableFuture<AinoMcpServer> mcp = new CompletableFuture<>();
  private final Supplier<AinoMcpServer> build;
  private final AtomicBoolean building = new AtomicBoolean();

  private McpComponent(Supplier<AinoMcpServer> build) {
    this.build = build;
  }

  /**
   * The MCP server for {@code service}, guarded by the settings' token. It is built by {@link
   * #startBuilding()}; until it is ready, {@code /mcp} requests wait for it.
   */
  public static McpComponent create(
      OrchestratorService service,
      IntentEngine intents,
      ChangeFeed feed,
      McpOptions options,
      HttpSettings http) {
    McpAuthenticator auth =
        BearerAuth.of(http)
            .<McpAuthenticator>map(a -> a::authenticate)
            .orElse(McpAuthenticator.NONE);
    return new McpComponent(
        () -> AinoMcpServer.streamableHttp(service, intents, feed, options, auth));
  }

  /**
   * Builds the MCP server in the background. Building it generates every tool's JSON schemas, about
   * a second of CPU: started once the HTTP server listens, it does not hold up the rest of the
   * start on a small machine, and the first /mcp request waits for it.
   */
  public void startBuilding() {
    if (building.compareAndSet(false, true)) {
      CompletableFuture.supplyAsync(build)
          .whenComplete(
              (server, failure) -> {
                if (failure != null) {
                  mcp.completeExceptionally(failure);
                } else {
                  mcp.complete(server);
                }
              });
    }
  }

  @Override
  public void configure(JavalinConfig config) {
    config.jetty.modifyServletContextHandler(
        context -> {
          ServletHolder holder = new ServletHolder("mcp", new DeferredServlet(mcp));
          holder.setAsyncSupported(true);
          context.addServlet(holder, AinoMcpServer.PATH);
        });
  }

  @Override
  public void close() {
    if (!building.getAndSet(true)) {
      mcp.cancel(false);
      return;
    }
    mcp.handle(
            (server, failure) -> {
              if (server != null) {
                server.close();
              }
              return null;
            })
        .join();
  }

  /** Serves through the MCP servlet once it is built, initialising it on first use. */
  private static final class DeferredServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient CompletableFuture<AinoMcpServer> server;
    private transient volatile HttpServlet delegate;

    DeferredServlet(CompletableFuture<AinoMcpServer> server) {
      this.server = server;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws ServletException, IOException {
      delegate().service(request, response);
    }

    private HttpServlet delegate() throws ServletException {
      HttpServlet ready = delegate;
      if (ready == null) {
        synchronized (this) {
          ready = delegate;
          if (ready == null) {
            ready = server.join().servlet();
            ready.init(getServletConfig());
            delegate = ready;
          }
        }
      }
      return ready;
    }

    @Override
    public void destroy() {
      if (delegate != null) {
        delegate.destroy();
      }
    }
  }
}
