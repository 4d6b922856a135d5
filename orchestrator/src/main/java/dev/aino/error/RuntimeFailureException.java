package dev.aino.error;

/**
 * A container runtime could not do what it was asked: start, stop, inspect, read logs. The message
 * says which operation failed, on which container or instance, and why.
 */
public final class RuntimeFailureException extends AinoException {
  private static final long serialVersionUID = 1L;

  public RuntimeFailureException(String message) {
    super(ErrorCode.RUNTIME_FAILURE, message);
  }

  public RuntimeFailureException(String message, Throwable cause) {
    super(ErrorCode.RUNTIME_FAILURE, message, cause);
  }
}
