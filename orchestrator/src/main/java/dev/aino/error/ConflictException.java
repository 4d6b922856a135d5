package dev.aino.error;

/**
 * A conditional write lost a race: the object changed after the writer read it. The writer should
 * read again and retry; nothing was written.
 */
public final class ConflictException extends AinoException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(ErrorCode.CONFLICT, message);
  }
}
