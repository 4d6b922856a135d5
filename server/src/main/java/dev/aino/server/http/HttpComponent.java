package dev.aino.server.http;

import io.javalin.config.JavalinConfig;
import java.util.Set;

/**
 * A part of aino that serves HTTP on the shared server: {@code /healthz} and the REST API now; MCP,
 * A2A and the console later. Each adds its routes and plugins to the one Javalin configuration.
 */
public interface HttpComponent {
  /**
   * Adds routes (through {@code config.routes}) and plugins. Errors thrown by routes are mapped.
   */
  void configure(JavalinConfig config);

  /**
   * Exact paths this component serves to anyone, without the bearer token, such as {@code /healthz}
   * or {@code /.well-known/agent-card.json}. Everything else needs the token when one is set.
   */
  default Set<String> publicPaths() {
    return Set.of();
  }
}
