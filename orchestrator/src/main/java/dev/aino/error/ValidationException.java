package dev.aino.error;

/**
 * Input that breaks a rule of the domain model. The message names the field path and the reason,
 * for example {@code spec.resources.memoryMiB: must be > 0, got -5}.
 */
public final class ValidationException extends AinoException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String reason;

  public ValidationException(String field, String reason) {
    super(ErrorCode.INVALID_ARGUMENT, field.isEmpty() ? reason : field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** The path of the offending field, dot separated, e.g. {@code spec.resources.memoryMiB}. */
  public String field() {
    return field;
  }

  /** Why the value was refused, without the field path. */
  public String reason() {
    return reason;
  }

  /** The same error seen from an enclosing object: {@code prefix.field}. */
  public ValidationException under(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    return new ValidationException(field.isEmpty() ? prefix : prefix + "." + field, reason);
  }
}
