package dev.aino.server.metrics;

import dev.aino.server.http.HttpComponent;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import jakarta.servlet.Filter;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /metrics}: the registry in Prometheus' text format, behind the bearer token like every
 * route but {@code /healthz}; it only reads, so it is one of the {@link #readPaths()} a read-only
 * caller may use. Also times every HTTP request of the server ({@link HttpRequestMetrics}).
 */
public final class MetricsEndpoint implements HttpComponent {
  public static final String PATH = "/metrics";

  /** The Prometheus text exposition format, version 0.0.4. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final MicrometerMetrics metrics;
  private final Set<String> mcpTools;

  /**
   * @param mcpTools the names of aino's MCP tools, the values of the {@code tool} label
   */
  public MetricsEndpoint(MicrometerMetrics metrics, Set<String> mcpTools) {
    this.metrics = metrics;
    this.mcpTools = Set.copyOf(mcpTools);
  }

  @Override
  public void configure(JavalinConfig config) {
    config.routes.get(PATH, this::scrape);
    config.routes.after(HttpRequestMetrics::rememberRoute);
  }

  @Override
  public Set<String> readPaths() {
    return Set.of(PATH);
  }

  @Override
  public Optional<Filter> requestObserver() {
    return Optional.of(new HttpRequestMetrics(metrics, mcpTools));
  }

  private void scrape(Context ctx) {
    ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
  }
}
