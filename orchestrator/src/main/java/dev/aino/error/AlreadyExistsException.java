package dev.aino.error;

/** Creating an object whose name is taken. */
public final class AlreadyExistsException extends AinoException {
  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(String message) {
    super(ErrorCode.ALREADY_EXISTS, message);
  }
}
