package dev.aino.mcp;

import dev.aino.error.AinoException;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import java.util.List;
import java.util.Map;

/**
 * Checks every request to {@code /mcp} before the transport reads it: Origin and Host against the
 * allowed lists (a browser page on another site, or a DNS-rebinding attack, gets 403 or 421), then
 * the host server's authentication.
 */
final class McpRequestGuard implements ServerTransportSecurityValidator {
  private final ServerTransportSecurityValidator originAndHost;
  private final McpAuthenticator authenticator;

  McpRequestGuard(McpOptions options, McpAuthenticator authenticator) {
    this.originAndHost =
        DefaultServerTransportSecurityValidator.builder()
            .allowedHosts(options.allowedHosts())
            .allowedOrigins(options.allowedOrigins())
            .build();
    this.authenticator = authenticator;
  }

  @Override
  public void validateHeaders(Map<String, List<String>> headers)
      throws ServerTransportSecurityException {
    originAndHost.validateHeaders(headers);
    try {
      authenticator.authenticate(first(headers, "Authorization"));
    } catch (AinoException e) {
      throw new ServerTransportSecurityException(401, e.getMessage());
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }
}
