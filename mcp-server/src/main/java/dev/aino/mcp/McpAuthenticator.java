package dev.aino.mcp;

import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.api.Surface;

/**
 * The host server's check of a request's {@code Authorization} header, applied to every request to
 * {@code /mcp} (the MCP servlet sits beside the host's routes, so its filters do not see it).
 */
@FunctionalInterface
public interface McpAuthenticator {
  /**
   * Who calls when no token is configured: the server then answers loopback only, so the caller is
   * someone on this host, and an admin (as on REST).
   */
  Caller LOCAL = new Caller("local", Role.ADMIN, Surface.MCP);

  /** Lets every request through as {@link #LOCAL} (no token configured). */
  McpAuthenticator NONE = authorization -> LOCAL;

  /**
   * @param authorization the header's value, or null
   * @return who the header authenticates; its role decides what the request's tool calls may do
   * @throws dev.aino.error.AinoException with code UNAUTHENTICATED when the request may not pass
   */
  Caller authenticate(String authorization);
}
