package dev.aino.a2a;

/**
 * The JSON-RPC error codes an A2A server answers with: JSON-RPC 2.0's own and A2A's (the same
 * numbers in A2A 1.0 and 0.3). In the JSON-RPC binding every one of them travels in an HTTP 200
 * response; the HTTP status is only for the REST binding.
 */
public enum A2aErrorCode {
  PARSE_ERROR(-32700, "Parse error"),
  INVALID_REQUEST(-32600, "Invalid Request"),
  METHOD_NOT_FOUND(-32601, "Method not found"),
  INVALID_PARAMS(-32602, "Invalid params"),
  INTERNAL_ERROR(-32603, "Internal error"),
  TASK_NOT_FOUND(-32001, "Task not found"),
  TASK_NOT_CANCELABLE(-32002, "Task cannot be canceled"),
  PUSH_NOTIFICATION_NOT_SUPPORTED(-32003, "Push Notification is not supported"),
  UNSUPPORTED_OPERATION(-32004, "This operation is not supported"),
  CONTENT_TYPE_NOT_SUPPORTED(-32005, "Incompatible content types"),
  EXTENDED_CARD_NOT_CONFIGURED(-32007, "Extended agent card not configured"),
  VERSION_NOT_SUPPORTED(-32009, "Version not supported");

  private final int code;
  private final String title;

  A2aErrorCode(int code, String title) {
    this.code = code;
    this.title = title;
  }

  public int code() {
    return code;
  }

  /** The short name the specification gives the error. */
  public String title() {
    return title;
  }
}
