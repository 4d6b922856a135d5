package dev.aino.error;

/** The named object does not exist. */
public final class NotFoundException extends AinoException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(ErrorCode.NOT_FOUND, message);
  }

  public static NotFoundException of(String kind, String name) {
    return new NotFoundException(kind + " \"" + name + "\" not found");
  }
}
