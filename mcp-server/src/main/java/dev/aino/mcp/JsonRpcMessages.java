package dev.aino.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks that a POSTed body is one JSON-RPC 2.0 message that the MCP SDK can answer, before the SDK
 * reads it: the SDK answers a malformed message with its exception, and a request whose {@code
 * params} or tool {@code arguments} are not objects with an empty event stream.
 */
final class JsonRpcMessages {
  private JsonRpcMessages() {}

  /**
   * Why a message is refused.
   *
   * @param id the request's id, to answer with; null when it has none or it is unusable
   * @param code the JSON-RPC error code
   * @param message what is wrong, naming the field
   */
  record Refusal(JsonNode id, int code, String message) {}

  /** Null when {@code message} may go to the SDK, else why not. */
  static Refusal check(JsonNode message) {
    if (message.isArray()) {
      return new Refusal(
          null,
          JsonRpcErrors.INVALID_REQUEST,
          "Invalid Request: a batch (JSON array) is not supported; POST one JSON-RPC message at a"
              + " time");
    }
    if (!message.isObject()) {
      return new Refusal(
          null,
          JsonRpcErrors.INVALID_REQUEST,
          "Invalid Request: the body must be a JSON-RPC message (an object), got " + kind(message));
    }
    JsonNode id = message.get("id");
    boolean usableId = id != null && (id.isTextual() || id.isIntegralNumber());
    JsonNode answerId = usableId ? id : null;
    if (id != null && !usableId) {
      return new Refusal(
          null,
          JsonRpcErrors.INVALID_REQUEST,
          "Invalid Request: \"id\" must be a string or an integer, got " + kind(id));
    }
    if (!"2.0".equals(message.path("jsonrpc").asText(null))
        || !message.path("jsonrpc").isTextual()) {
      return new Refusal(
          answerId, JsonRpcErrors.INVALID_REQUEST, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
    }
    JsonNode method = message.get("method");
    if (method == null) {
      if (id == null || message.has("result") == message.has("error")) {
        return new Refusal(
            answerId,
            JsonRpcErrors.INVALID_REQUEST,
            "Invalid Request: a message needs a \"method\" (a request or notification), or an"
                + " \"id\" with either \"result\" or \"error\" (a response)");
      }
      return null;
    }
    if (!method.isTextual() || method.asText().isEmpty()) {
      return new Refusal(
          answerId,
          JsonRpcErrors.INVALID_REQUEST,
          "Invalid Request: \"method\" must be a non-empty string, got " + kind(method));
    }
    JsonNode params = message.get("params");
    if (params != null && !params.isNull() && !params.isObject()) {
      return new Refusal(
          answerId,
          JsonRpcErrors.INVALID_PARAMS,
          "Invalid params: \"params\" must be an object, got " + kind(params));
    }
    if (method.asText().equals("tools/call")) {
      return checkToolCall(answerId, params);
    }
    return null;
  }

  private static Refusal checkToolCall(JsonNode id, JsonNode params) {
    if (params == null || !params.isObject()) {
      return new Refusal(
          id,
          JsonRpcErrors.INVALID_PARAMS,
          "Invalid params: tools/call needs \"params\": an object with the tool's \"name\" and"
              + " its \"arguments\" object");
    }
    JsonNode name = params.get("name");
    if (name == null || !name.isTextual()) {
      return new Refusal(
          id,
          JsonRpcErrors.INVALID_PARAMS,
          "Invalid params: \"params.name\" must be the tool's name (a string), got "
              + (name == null ? "nothing" : kind(name)));
    }
    JsonNode arguments = params.get("arguments");
    if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
      return new Refusal(
          id,
          JsonRpcErrors.INVALID_PARAMS,
          "Invalid params: \"params.arguments\" must be an object of the tool's arguments, got "
              + kind(arguments));
    }
    return null;
  }

  /** What a JSON value is, for messages: {@code a string}, {@code an array}. */
  static String kind(JsonNode value) {
    switch (value.getNodeType()) {
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case NULL:
        return "null";
      default:
        return "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
