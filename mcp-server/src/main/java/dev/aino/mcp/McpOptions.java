package dev.aino.mcp;

import dev.aino.error.ValidationException;
import dev.aino.mcp.tools.Toolset;
import dev.aino.model.Validate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * How much the MCP surface may do and whom it answers.
 *
 * @param readOnly serve only tools that change nothing ({@code --mcp-read-only})
 * @param disableDestructive hide tools that stop or remove things ({@code
 *     --mcp-disable-destructive})
 * @param extraAllowedHosts Host header values accepted besides loopback (e.g. {@code
 *     aino.example.com:*}); DNS-rebinding protection refuses all others
 * @param extraAllowedOrigins Origin header values accepted besides loopback
 * @param confirmationFallback what destructive calls need from clients that cannot ask their user
 *     ({@code --mcp-confirm-fallback})
 * @param toolsets the groups of tools to list ({@code --mcp-toolsets}); null means all
 */
public record McpOptions(
    boolean readOnly,
    boolean disableDestructive,
    List<String> extraAllowedHosts,
    List<String> extraAllowedOrigins,
    ConfirmationFallback confirmationFallback,
    Set<Toolset> toolsets) {

  private static final List<String> LOOPBACK_HOSTS =
      List.of("127.0.0.1:*", "localhost:*", "[::1]:*");

  public McpOptions {
    extraAllowedHosts = Validate.texts("extraAllowedHosts", extraAllowedHosts);
    extraAllowedOrigins = Validate.texts("extraAllowedOrigins", extraAllowedOrigins);
    confirmationFallback =
        confirmationFallback == null ? ConfirmationFallback.FLAG : confirmationFallback;
    toolsets =
        toolsets == null
            ? Toolset.all()
            : Collections.unmodifiableSet(EnumSet.copyOf(Validate.required("toolsets", toolsets)));
    if (toolsets.isEmpty()) {
      throw new ValidationException("toolsets", "names no toolset; the server would list no tool");
    }
  }

  /** Options with every toolset. */
  public McpOptions(
      boolean readOnly,
      boolean disableDestructive,
      List<String> extraAllowedHosts,
      List<String> extraAllowedOrigins,
      ConfirmationFallback confirmationFallback) {
    this(
        readOnly,
        disableDestructive,
        extraAllowedHosts,
        extraAllowedOrigins,
        confirmationFallback,
        null);
  }

  /** Options with the default confirmation fallback ({@link ConfirmationFallback#FLAG}). */
  public McpOptions(
      boolean readOnly,
      boolean disableDestructive,
      List<String> extraAllowedHosts,
      List<String> extraAllowedOrigins) {
    this(readOnly, disableDestructive, extraAllowedHosts, extraAllowedOrigins, null, null);
  }

  /** Every tool, loopback clients only. */
  public static McpOptions defaults() {
    return new McpOptions(false, false, List.of(), List.of());
  }

  /** Host header values accepted: loopback with any port, then the configured ones. */
  public List<String> allowedHosts() {
    List<String> hosts = new ArrayList<>(LOOPBACK_HOSTS);
    hosts.addAll(extraAllowedHosts);
    return hosts;
  }

  /** Origin header values accepted (requests without an Origin are not from browsers). */
  public List<String> allowedOrigins() {
    List<String> origins = new ArrayList<>();
    LOOPBACK_HOSTS.forEach(h -> origins.add("http://" + h));
    LOOPBACK_HOSTS.forEach(h -> origins.add("https://" + h));
    origins.addAll(extraAllowedOrigins);
    return origins;
  }
}
