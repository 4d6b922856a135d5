package dev.aino.mcp;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.aino.json.Json;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The one shape of every error {@code /mcp} answers at the HTTP level: a JSON-RPC error response,
 * {@code {"jsonrpc":"2.0","id":...,"error":{"code":...,"message":"..."}}}, never a Java exception
 * or a servlet container's error page.
 */
final class JsonRpcErrors {
  static final int PARSE_ERROR = McpSchema.ErrorCodes.PARSE_ERROR;
  static final int INVALID_REQUEST = McpSchema.ErrorCodes.INVALID_REQUEST;
  static final int INVALID_PARAMS = McpSchema.ErrorCodes.INVALID_PARAMS;

  /** A request the transport cannot take (no session header, too many sessions, shut down). */
  static final int BAD_REQUEST = -32000;

  /** The {@code Mcp-Session-Id} names no live session: the client must initialize again. */
  static final int SESSION_NOT_FOUND = -32001;

  private JsonRpcErrors() {}

  /** An error response to the request {@code id} (null when it could not be read). */
  static ObjectNode response(JsonNode id, int code, String message) {
    ObjectNode response = Json.mapper().createObjectNode();
    response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
    response.set("id", id);
    ObjectNode error = response.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return response;
  }

  /** Sends an error response with the given HTTP status. */
  static void send(HttpServletResponse response, int status, JsonNode id, int code, String message)
      throws IOException {
    byte[] body = Json.mapper().writeValueAsBytes(response(id, code, message));
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * Makes the MCP SDK's JSON mapping write an {@link McpError} as a JSON-RPC error response. The
   * SDK's HTTP transport answers refused requests by serialising the exception itself, which
   * Jackson would write with its stack trace, cause and suppressed exceptions.
   */
  static SimpleModule mcpErrorModule() {
    return new SimpleModule("aino-mcp-errors").addSerializer(McpError.class, new ErrorWriter());
  }

  private static final class ErrorWriter extends StdSerializer<McpError> {
    private static final long serialVersionUID = 1L;

    ErrorWriter() {
      super(McpError.class);
    }

    @Override
    public void serialize(McpError error, JsonGenerator json, SerializerProvider provider)
        throws IOException {
      McpSchema.JSONRPCResponse.JSONRPCError detail = error.getJsonRpcError();
      int code = detail == null || detail.code() == null ? BAD_REQUEST : detail.code();
      String message =
          detail == null || detail.message() == null ? error.getMessage() : detail.message();
      json.writeTree(response(null, code, message == null ? "MCP request refused" : message));
    }
  }
}
