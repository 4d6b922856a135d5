package dev.aino.mcp;

/**
 * The host server's check of a request's {@code Authorization} header, applied to every request to
 * {@code /mcp} (the MCP servlet sits beside the host's routes, so its filters do not see it).
 */
@FunctionalInterface
public interface McpAuthenticator {
  /** Lets every request through (no token configured). */
  McpAuthenticator NONE = authorization -> {};

  /**
   * @param authorization the header's value, or null
   * @throws dev.aino.error.AinoException with code UNAUTHENTICATED when the request may not pass
   */
  void authenticate(String authorization);
}
