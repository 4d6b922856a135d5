package dev.aino.error;

/** A dependency (the store, a runtime, a registry) cannot be reached now; a retry may succeed. */
public final class UnavailableException extends AinoException {
  private static final long serialVersionUID = 1L;

  public UnavailableException(String message, Throwable cause) {
    super(ErrorCode.UNAVAILABLE, message, cause);
  }
}
