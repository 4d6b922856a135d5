package dev.aino.server;

import dev.aino.a2a.A2aSettings;
import dev.aino.autoscale.AutoscalerConfig;
import dev.aino.intent.LlmSettings;
import dev.aino.mcp.McpOptions;
import dev.aino.model.Validate;
import dev.aino.server.http.HttpSettings;
import java.time.Duration;

/**
 * Everything {@code aino up} needs to start, validated: each part refuses bad values with a message
 * naming the command-line flag.
 *
 * @param http where to listen and the token
 * @param store which state store, and the data directory
 * @param node the local node and its runtime
 * @param mcp what the MCP surface may do and whom it answers
 * @param autoscaler how the autoscaler of the control plane behaves
 * @param llm the LLM that reads intents, or null to read them offline only
 * @param leaderLease with {@code --store etcd}: how long the leader's lease lasts without renewal,
 *     the main part of the failover time when the leader dies; null for {@link
 *     #DEFAULT_LEADER_LEASE}
 * @param a2a how the A2A agent behaves (null: its defaults)
 */
public record ServerSettings(
    HttpSettings http,
    StoreSettings store,
    NodeSettings node,
    McpOptions mcp,
    AutoscalerConfig autoscaler,
    LlmSettings llm,
    Duration leaderLease,
    A2aSettings a2a,
    GossipSettings gossip) {
  /** Long enough that a busy etcd or a GC pause does not depose a healthy leader. */
  public static final Duration DEFAULT_LEADER_LEASE = Duration.ofSeconds(5);

  public ServerSettings {
    Validate.required("http", http);
    Validate.required("store", store);
    Validate.required("node", node);
    mcp = mcp == null ? McpOptions.defaults() : mcp;
    autoscaler = autoscaler == null ? AutoscalerConfig.DEFAULTS : autoscaler;
    leaderLease = leaderLease == null ? DEFAULT_LEADER_LEASE : leaderLease;
    a2a = a2a == null ? A2aSettings.defaults(AinoVersion.current()) : a2a;
  }

  /** Settings with the autoscaler's defaults that read intents offline. */
  public ServerSettings(HttpSettings http, StoreSettings store, NodeSettings node, McpOptions mcp) {
    this(http, store, node, mcp, null, null, null, null, null);
  }
}
