package dev.aino.server.client;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;

/** An error the server answered with: its code and message, and the HTTP status it came with. */
public final class ApiException extends AinoException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiException(ErrorCode code, String message, int status) {
    super(code, message);
    this.status = status;
  }

  /** The HTTP status of the answer, e.g. 404. */
  public int status() {
    return status;
  }
}
