package dev.aino.mcp;

import dev.aino.error.ValidationException;
import dev.aino.mcp.tools.Toolset;
import dev.aino.model.Validate;
import java.time.Duration;
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
 * @param maxSessionsPerToken how many Streamable HTTP sessions one bearer token (or, without a
 *     token, all clients together) may hold at once ({@code --mcp-max-sessions}); each holds memory
 *     and maybe a stream, so an unbounded number would let one client exhaust the server
 * @param sessionIdleTimeout how long a session may go without a request (and without an open
 *     stream) before it ends ({@code --mcp-session-idle-timeout}); clients that vanish without
 *     DELETE would otherwise hold their sessions forever
 * @param toolsets the groups of tools to list ({@code --mcp-toolsets}); null means {@link
 *     Toolset#defaults()}
 */
public record McpOptions(
    boolean readOnly,
    boolean disableDestructive,
    List<String> extraAllowedHosts,
    List<String> extraAllowedOrigins,
    ConfirmationFallback confirmationFallback,
    int maxSessionsPerToken,
    Duration sessionIdleTimeout,
    Set<Toolset> toolsets) {

  public static final int DEFAULT_MAX_SESSIONS_PER_TOKEN = 64;
  public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);

  private static final List<String> LOOPBACK_HOSTS =
      List.of("127.0.0.1:*", "localhost:*", "[::1]:*");

  public McpOptions {
    extraAllowedHosts = Validate.texts("extraAllowedHosts", extraAllowedHosts);
    extraAllowedOrigins = Validate.texts("extraAllowedOrigins", extraAllowedOrigins);
    confirmationFallback =
        confirmationFallback == null ? ConfirmationFallback.FLAG : confirmationFallback;
    Validate.range("--mcp-max-sessions", maxSessionsPerToken, 1, 100_000);
    sessionIdleTimeout =
        sessionIdleTimeout == null ? DEFAULT_SESSION_IDLE_TIMEOUT : sessionIdleTimeout;
    if (sessionIdleTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || sessionIdleTimeout.compareTo(Duration.ofDays(7)) > 0) {
      throw new ValidationException(
          "--mcp-session-idle-timeout",
          "must be between 1s and 7d, got " + sessionIdleTimeout.toSeconds() + "s");
    }
    toolsets =
        toolsets == null
            ? Toolset.defaults()
            : Collections.unmodifiableSet(EnumSet.copyOf(Validate.required("toolsets", toolsets)));
    if (toolsets.isEmpty()) {
      throw new ValidationException("toolsets", "names no toolset; the server would list no tool");
    }
  }

  /** Options with the default session limits and the default toolsets. */
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
        DEFAULT_MAX_SESSIONS_PER_TOKEN,
        DEFAULT_SESSION_IDLE_TIMEOUT,
        null);
  }

  /** Options with the default confirmation fallback ({@link ConfirmationFallback#FLAG}). */
  public McpOptions(
      boolean readOnly,
      boolean disableDestructive,
      List<String> extraAllowedHosts,
      List<String> extraAllowedOrigins) {
    this(readOnly, disableDestructive, extraAllowedHosts, extraAllowedOrigins, null);
  }

  /** The same options, listing only the tools of {@code sets}. */
  public McpOptions withToolsets(Set<Toolset> sets) {
    return new McpOptions(
        readOnly,
        disableDestructive,
        extraAllowedHosts,
        extraAllowedOrigins,
        confirmationFallback,
        maxSessionsPerToken,
        sessionIdleTimeout,
        sets);
  }

  /** The default toolsets, loopback clients only. */
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
