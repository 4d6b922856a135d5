package dev.aino.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.Caller;
import dev.aino.json.Json;
import dev.aino.mcp.McpOptions;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The listed read-only tools, callable without the SDK's session machinery, so that a {@code
 * tools/call} of one over Streamable HTTP can be answered as one {@code application/json} response
 * rather than an event stream.
 *
 * <p>Why: a read sends the client nothing before its result (no log, no progress unless asked for,
 * no question), so the event stream the SDK opens for every request carries exactly one message.
 * Opening it cost the server an asynchronous response and the SDK's reactive pipeline around the
 * call, and cost the client an event-stream parser and its own pipeline; the call took about twice
 * the CPU of the REST call for the same data ({@code aino-bench mcp}). The protocol lets a server
 * answer any request with plain JSON, and every Streamable HTTP client accepts it.
 *
 * <p>The call itself is {@link ToolAdapter}'s, as on the SDK's path: the role checked, the
 * arguments decoded with field-path errors, the handler run as the caller, failures as tool errors.
 */
public final class DirectReads {
  /** Answers nothing directly: every call goes through the SDK. */
  public static final DirectReads NONE = new DirectReads(Map.of());

  private final Map<String, ToolSpec<?>> reads;

  private DirectReads(Map<String, ToolSpec<?>> reads) {
    this.reads = reads;
  }

  /** The tools of {@code specs} that the options list and that only read. */
  public static DirectReads of(List<ToolSpec<?>> specs, McpOptions options) {
    Map<String, ToolSpec<?>> reads = new HashMap<>();
    for (ToolSpec<?> spec : specs) {
      if (spec.effect() == ToolSpec.Effect.READ && ToolAdapter.allowed(spec, options)) {
        reads.put(spec.name(), spec);
      }
    }
    return new DirectReads(Map.copyOf(reads));
  }

  /** Whether {@code tool} is a listed read, which {@link #call} answers. */
  public boolean answers(String tool) {
    return reads.containsKey(tool);
  }

  /**
   * Calls the read {@code tool} as {@code caller}.
   *
   * @param arguments the call's {@code arguments} object, or null (or JSON null) when it has none
   * @throws IllegalArgumentException when {@code tool} is not one that {@link #answers}
   */
  public CallToolResult call(String tool, Caller caller, JsonNode arguments) {
    ToolSpec<?> spec = reads.get(tool);
    if (spec == null) {
      throw new IllegalArgumentException(tool + " is not a listed read-only tool");
    }
    JsonNode args =
        arguments == null || arguments.isNull() ? Json.mapper().createObjectNode() : arguments;
    return ToolAdapter.call(spec, caller, args, ToolContext.withoutStream());
  }
}
