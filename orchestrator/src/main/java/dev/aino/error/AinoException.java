package dev.aino.error;

import java.util.Objects;

/**
 * The one unchecked exception aino throws across module boundaries. The {@link #code()} tells an
 * adapter how to report it; the message is written for the person or agent that made the call.
 */
public class AinoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public AinoException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public AinoException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public ErrorCode code() {
    return code;
  }
}
