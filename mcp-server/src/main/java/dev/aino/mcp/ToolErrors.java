package dev.aino.mcp;

import dev.aino.api.StaleGenerationException;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationException;
import dev.aino.mcp.tools.Views;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that maps aino's {@link ErrorCode}s to MCP answers. A failed tool call becomes a
 * tool result with {@code isError: true}, never a protocol error (the model can read and act on a
 * result; a protocol error often never reaches it). A failed resource read becomes a JSON-RPC
 * error, since clients, not models, read resources. The text says what was wrong and what to do;
 * anything that is not an {@link AinoException} is a bug, logged here and reported without details.
 */
public final class ToolErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ToolErrors.class);

  static final String INTERNAL_MESSAGE =
      "internal error in aino; the server log has the details. Retrying will not help.";

  private ToolErrors() {}

  /** The result for an error the orchestrator raised. */
  public static CallToolResult of(String tool, AinoException e) {
    if (e.code() == ErrorCode.INTERNAL) {
      LOG.error("tool {} failed", tool, e);
    }
    String message = e.getMessage() == null ? e.code().name() : e.getMessage();
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code().name());
    error.put("message", message);
    if (e instanceof ValidationException v && !v.field().isEmpty()) {
      error.put("field", v.field());
      if (v.errors().size() > 1) {
        error.put("errors", v.errors());
      }
    }
    String hint = hint(tool, e.code());
    error.put("hint", hint);
    if (e instanceof StaleGenerationException stale) {
      // What it is now, so the model can re-plan without another call.
      error.put("current", Views.WorkloadView.of(stale.current()));
    }
    return CallToolResult.builder()
        .isError(true)
        .addTextContent(e.code().name() + ": " + message + ". " + hint)
        .structuredContent(Map.of("error", error))
        .build();
  }

  /**
   * The JSON-RPC error for a failed resource read: "resource not found" (-32002) when the URI names
   * nothing readable (an unknown or malformed name, an instance with no container yet); an internal
   * error (-32603) that says what failed and what to do otherwise.
   */
  public static McpError forResource(String uri, AinoException e) {
    switch (e.code()) {
      case NOT_FOUND:
      case INVALID_ARGUMENT:
      case FAILED_PRECONDITION:
        return McpError.RESOURCE_NOT_FOUND.apply(uri);
      case INTERNAL:
        LOG.error("reading resource {} failed", uri, e);
        return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
            .message(INTERNAL_MESSAGE)
            .data(Map.of("code", e.code().name()))
            .build();
      default:
        String message = e.getMessage() == null ? e.code().name() : e.getMessage();
        return McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
            .message(e.code().name() + ": " + message + ". " + hint("resources/read", e.code()))
            .data(Map.of("code", e.code().name()))
            .build();
    }
  }

  /** The result for an unexpected failure: logged with its stack trace, reported without. */
  public static CallToolResult unexpected(String tool, RuntimeException e) {
    LOG.error("tool {} failed unexpectedly", tool, e);
    return of(tool, new AinoException(ErrorCode.INTERNAL, INTERNAL_MESSAGE));
  }

  /** What to do next, by kind of error; the message already says what was wrong. */
  static String hint(String tool, ErrorCode code) {
    switch (code) {
      case INVALID_ARGUMENT:
        return "Fix the named field and call " + tool + " again.";
      case NOT_FOUND:
        return "Check the name: list_workloads, list_instances and list_nodes show what exists.";
      case ALREADY_EXISTS:
        return "Pick another name, or update the existing object instead.";
      case CONFLICT:
        return "Someone changed it at the same time: read it again and retry.";
      case OWNED_BY_ANOTHER:
        return "Another caller manages it strictly: leave it, or pass force=true if you must.";
      case FAILED_PRECONDITION:
        return "It is not in a state that allows this yet: get_instance and diagnose_workload"
            + " show why; call "
            + tool
            + " again once it runs.";
      case UNSCHEDULABLE:
        return "No node can take it: lower the resource request, relax the node selector or add"
            + " capacity; plan_workload shows where it would fit.";
      case RUNTIME_FAILURE:
        return "The container runtime failed: diagnose_workload and list_events show details.";
      case UNAVAILABLE:
        return tool.equals("get_logs")
            ? "The node the instance runs on cannot be reached: list_nodes shows its status;"
                + " retry once it is back."
            : "aino cannot reach its state store right now: retry in a few seconds.";
      case UNAUTHENTICATED:
      case PERMISSION_DENIED:
        return "This MCP session may not do that: check the token or the server's --mcp-* flags.";
      default:
        return "Report this to the aino operator.";
    }
  }
}
