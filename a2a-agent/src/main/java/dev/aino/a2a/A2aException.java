package dev.aino.a2a;

/**
 * A request the agent refuses with one of the protocol's errors; the message says what was wrong
 * and, where it can, what to send instead. It becomes the JSON-RPC error's {@code message}.
 */
public final class A2aException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final A2aErrorCode code;

  public A2aException(A2aErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public A2aErrorCode code() {
    return code;
  }

  static A2aException invalidParams(String field, String reason) {
    return new A2aException(A2aErrorCode.INVALID_PARAMS, "params." + field + ": " + reason);
  }
}
