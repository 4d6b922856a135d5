package dev.aino.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The SDK's transport flushes the answer to {@code initialize}, session id included, before it
 * returns: a client may send its next request while the gate still waits for the transport. The
 * gate must know the session from the moment its id is set, or that request is refused as naming no
 * session and the client's initialize fails (seen on CI as McpHttpTest and McpSafetyTest failing
 * within 0.2 s).
 */
class McpHttpGateSessionStartTest {
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRequestSentBeforeTheTransportReturnsFromInitializeFindsItsSession() throws Exception {
    HttpServletStreamableServerTransportProvider sdk =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(AinoMcpServer.jsonMapper())
            .mcpEndpoint(AinoMcpServer.PATH)
            .build();
    McpSyncServer mcp = McpServer.sync(sdk).serverInfo("gate-test", "1").build();
    AtomicReference<URI> endpoint = new AtomicReference<>();
    AtomicReference<HttpResponse<String>> early = new AtomicReference<>();
    // The SDK's transport, with a client as fast as can be: it uses the session id the moment the
    // answer to initialize is on the wire, before the transport has returned.
    HttpServlet fastClient =
        new HttpServlet() {
          private static final long serialVersionUID = 1L;

          @Override
          public void init(ServletConfig config) throws ServletException {
            sdk.init(config);
          }

          @Override
          protected void service(HttpServletRequest request, HttpServletResponse response)
              throws ServletException, IOException {
            sdk.service(request, response);
            String session = response.getHeader(McpHttpGate.SESSION_HEADER);
            if (session != null && early.get() == null) {
              early.set(post(endpoint.get(), session, INITIALIZED));
            }
          }
        };
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(new McpHttpGate(fastClient, McpOptions.defaults()));
    holder.setAsyncSupported(true);
    context.addServlet(holder, AinoMcpServer.PATH);
    jetty.setHandler(context);
    jetty.start();
    try {
      endpoint.set(URI.create("http://127.0.0.1:" + connector.getLocalPort() + AinoMcpServer.PATH));
      HttpResponse<String> initialized = post(endpoint.get(), null, INITIALIZE);
      assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
      assertThat(early.get()).isNotNull();
      assertThat(early.get().statusCode()).as(early.get().body()).isEqualTo(202);
    } finally {
      jetty.stop();
      mcp.close();
    }
  }

  private HttpResponse<String> post(URI uri, String session, String body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header(McpHttpGate.SESSION_HEADER, session);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
