package dev.aino.server.metrics;

import dev.aino.mcp.AinoMcpServer;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Times every HTTP request, as a servlet filter in front of the request guard, so requests the
 * guard refuses (401, 403, 421, 415) are counted too. The {@code route} label is a template, never
 * a path, so its values are as few as the routes: Javalin's matched template (set by {@link
 * #rememberRoute}), else the pattern of the servlet that served it (such as {@code /mcp}), else
 * {@code other} (refused before routing, or no route matched). MCP {@code tools/call} requests are
 * also timed by tool, the name the MCP gate found in the message ({@link
 * AinoMcpServer#TOOL_CALL_ATTRIBUTE}) if it is one of aino's tools.
 */
final class HttpRequestMetrics implements Filter {
  static final String ROUTE_ATTRIBUTE = HttpRequestMetrics.class.getName() + ".route";
  static final String OTHER = "other";
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final MicrometerMetrics metrics;
  private final Set<String> mcpTools;

  /**
   * @param mcpTools the MCP tool names that label tool calls; any other name counts as other
   */
  HttpRequestMetrics(MicrometerMetrics metrics, Set<String> mcpTools) {
    this.metrics = metrics;
    this.mcpTools = Set.copyOf(mcpTools);
  }

  /** A Javalin {@code after} handler: records the template of the route that matched. */
  static void rememberRoute(Context ctx) {
    try {
      Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
      if (endpoint != null) {
        ctx.req().setAttribute(ROUTE_ATTRIBUTE, endpoint.path);
      }
    } catch (RuntimeException noRouteMatched) {
      // A 404 (Javalin has no HTTP endpoint to name): the route stays "other". Whatever the
      // reason, metrics must never change the answer.
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    long started = System.nanoTime();
    try {
      chain.doFilter(req, res);
    } finally {
      HttpServletRequest request = (HttpServletRequest) req;
      String route = route(request);
      String method = request.getMethod();
      int status = ((HttpServletResponse) res).getStatus();
      long nanos = System.nanoTime() - started;
      metrics.httpRequest(
          Surface.of(route).label(),
          METHODS.contains(method) ? method : OTHER,
          route,
          status,
          nanos);
      if (request.getAttribute(AinoMcpServer.TOOL_CALL_ATTRIBUTE) instanceof String tool) {
        metrics.mcpToolCall(mcpTools.contains(tool) ? tool : OTHER, status, nanos);
      }
    }
  }

  private static String route(HttpServletRequest request) {
    Object matched = request.getAttribute(ROUTE_ATTRIBUTE);
    if (matched instanceof String template) {
      return template;
    }
    HttpServletMapping mapping = request.getHttpServletMapping();
    String pattern = mapping == null ? null : mapping.getPattern();
    if (pattern == null || pattern.isEmpty() || pattern.contains("*") || pattern.equals("/")) {
      return OTHER;
    }
    return pattern;
  }
}
