package dev.aino.server;

import dev.aino.a2a.A2aSettings;
import dev.aino.autoscale.AutoscalerConfig;
import dev.aino.intent.LlmSettings;
import dev.aino.mcp.McpOptions;
import dev.aino.model.Validate;
import dev.aino.server.http.HttpSettings;

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
 * @param a2a how the A2A agent behaves (null: its defaults)
 */
public record ServerSettings(
    HttpSettings http,
    StoreSettings store,
    NodeSettings node,
    McpOptions mcp,
    AutoscalerConfig autoscaler,
    LlmSettings llm,
    A2aSettings a2a) {
  public ServerSettings {
    Validate.required("http", http);
    Validate.required("store", store);
    Validate.required("node", node);
    mcp = mcp == null ? McpOptions.defaults() : mcp;
    autoscaler = autoscaler == null ? AutoscalerConfig.DEFAULTS : autoscaler;
    a2a = a2a == null ? A2aSettings.defaults(AinoVersion.current()) : a2a;
  }

  /** Settings with the autoscaler's defaults that read intents offline. */
  public ServerSettings(HttpSettings http, StoreSettings store, NodeSettings node, McpOptions mcp) {
    this(http, store, node, mcp, null, null, null);
  }
}
