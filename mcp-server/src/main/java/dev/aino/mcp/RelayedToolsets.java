package dev.aino.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.mcp.tools.ToolAdapter;
import dev.aino.mcp.tools.Toolset;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The toolsets of a stdio relay ({@code aino mcp --server URL --toolsets core}): the server lists
 * every tool it serves, each with its toolset in {@code _meta}; the relay passes on only the tools
 * of the chosen toolsets and refuses calls of the tools it hid. Toolsets save a model's context;
 * they guard nothing (the server's read-only and no-destructive options do).
 */
final class RelayedToolsets {
  private final Set<Toolset> listed;

  /** Tools a {@code tools/list} answer carried and this relay hid. */
  private final Set<String> hidden = ConcurrentHashMap.newKeySet();

  RelayedToolsets(Set<Toolset> listed) {
    this.listed = Set.copyOf(listed);
  }

  /** Whether every toolset is listed, so that nothing needs filtering. */
  boolean listsAll() {
    return listed.containsAll(Toolset.all());
  }

  /** The name of the hidden tool that {@code request} calls, or null when it may go through. */
  String hiddenToolCalled(JsonNode request) {
    if (!"tools/call".equals(request.path("method").asText())) {
      return null;
    }
    String name = request.path("params").path("name").asText(null);
    return name != null && hidden.contains(name) ? name : null;
  }

  /** Removes from a {@code tools/list} result the tools of toolsets not listed. */
  void filterToolList(JsonNode response) {
    JsonNode tools = response.path("result").path("tools");
    if (!(tools instanceof ArrayNode list)) {
      return;
    }
    for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
      JsonNode tool = it.next();
      String set = tool.path("_meta").path(ToolAdapter.TOOLSET_META).asText("");
      if (!isListed(set)) {
        hidden.add(tool.path("name").asText());
        it.remove();
      }
    }
  }

  private boolean isListed(String toolset) {
    for (Toolset t : listed) {
      if (t.id().equals(toolset.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /** The JSON-RPC error for a call of a hidden tool. */
  ObjectNode refusal(JsonNode id, String tool, ObjectNode error) {
    error.put("jsonrpc", "2.0");
    error.set("id", id);
    error
        .putObject("error")
        .put("code", -32602)
        .put(
            "message",
            "tool \""
                + tool
                + "\" is not in the toolsets this relay lists; start it with --toolsets all"
                + " (or the toolset that holds it)");
    return error;
  }
}
