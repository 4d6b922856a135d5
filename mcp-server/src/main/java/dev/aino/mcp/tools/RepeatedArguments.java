package dev.aino.mcp.tools;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Says a large argument's schema once per {@code tools/list}: when a later tool takes an argument
 * whose schema an earlier listed tool already spelt out (the workload spec of {@code
 * schedule_workload} and {@code plan_workload}), the later one points to it instead of repeating
 * some 3,000 bytes. A tool whose first mention is hidden (read-only mode hides {@code
 * schedule_workload}) carries the schema in full, because the first listed tool always does.
 */
final class RepeatedArguments {
  /** Smaller schemas cost less than the sentence that points to them. */
  static final int MIN_BYTES = 400;

  /** Argument schema (less its description) to "tool's argument" where it was spelt out first. */
  private final Map<Map<String, Object>, String> firstMention = new HashMap<>();

  /**
   * The input schema of {@code tool} as listed after the tools seen so far: arguments spelt out
   * before are replaced by an object schema that names where.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> listed(String tool, Map<String, Object> inputSchema) {
    Object properties = inputSchema.get("properties");
    if (!(properties instanceof Map)) {
      return inputSchema;
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    boolean changed = false;
    for (Map.Entry<String, Object> p : ((Map<String, Object>) properties).entrySet()) {
      Object schema = p.getValue();
      if (schema instanceof Map && size((Map<String, Object>) schema) >= MIN_BYTES) {
        Map<String, Object> key = new HashMap<>((Map<String, Object>) schema);
        key.remove("description");
        String first = firstMention.putIfAbsent(key, tool + "'s " + p.getKey());
        if (first != null) {
          schema =
              Map.of(
                  "type",
                  key.getOrDefault("type", "object"),
                  "description",
                  description((Map<String, Object>) schema) + " Same fields as " + first + ".");
          changed = true;
        }
      }
      shown.put(p.getKey(), schema);
    }
    if (!changed) {
      return inputSchema;
    }
    Map<String, Object> copy = new LinkedHashMap<>(inputSchema);
    copy.put("properties", shown);
    return copy;
  }

  private static String description(Map<String, Object> schema) {
    Object d = schema.get("description");
    return d == null ? "" : d.toString();
  }

  /** A cheap stand-in for the encoded size: the length of the map's text form. */
  private static int size(Map<String, Object> schema) {
    return schema.toString().length();
  }

  /** Every input schema of {@code tools}, in their order. */
  static List<Map<String, Object>> of(List<ToolSpec<?>> tools) {
    RepeatedArguments seen = new RepeatedArguments();
    return tools.stream()
        .map(t -> seen.listed(t.name(), dev.aino.mcp.Schemas.input(t.input())))
        .toList();
  }
}
