package dev.aino.error;

/**
 * The object exists but is not in a state that allows the request yet, e.g. the logs of an instance
 * that has not started. The message says which state it is in and why.
 */
public final class FailedPreconditionException extends AinoException {
  private static final long serialVersionUID = 1L;

  public FailedPreconditionException(String message) {
    super(ErrorCode.FAILED_PRECONDITION, message);
  }
}
