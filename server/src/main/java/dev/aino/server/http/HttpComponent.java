package dev.aino.server.http;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.Filter;
import java.util.Optional;
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

  /**
   * Exact paths that only read, whatever the method, such as {@code /metrics}: a read-only caller
   * may use them. (Reads of the REST API are told by their method.)
   */
  default Set<String> readPaths() {
    return Set.of();
  }

  /**
   * A filter that sees every request of the server before the {@link RequestGuard} refuses any, and
   * its answer after, to observe it (metrics); it must pass every request on unchanged.
   */
  default Optional<Filter> requestObserver() {
    return Optional.empty();
  }
}
