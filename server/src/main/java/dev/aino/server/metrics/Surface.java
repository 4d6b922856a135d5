package dev.aino.server.metrics;

import java.util.Locale;

/**
 * Which part of aino served an HTTP request, by the prefix of its route: the {@code surface} label
 * of the HTTP request metric. A surface mounted later gets its own label by one line here.
 */
enum Surface {
  REST("/api/"),
  MCP("/mcp"),
  A2A("/a2a"),
  AGENT_CARD("/.well-known/"),
  METRICS("/metrics"),
  HEALTH("/healthz"),
  /** Everything else: the console at {@code /}, and requests that matched no route. */
  OTHER("");

  private final String prefix;

  Surface(String prefix) {
    this.prefix = prefix;
  }

  /** The surface whose prefix {@code route} starts with; the first that matches. */
  static Surface of(String route) {
    for (Surface s : values()) {
      if (route.startsWith(s.prefix)) {
        return s;
      }
    }
    return OTHER;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
