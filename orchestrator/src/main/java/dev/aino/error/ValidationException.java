package dev.aino.error;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input that breaks rules of the domain model: one or more {@link FieldError}s, each naming the
 * field path and the reason, for example {@code spec.resources.memoryMiB: must be > 0, got -5}. A
 * document is checked as a whole, so one exception carries every error found in it, as kubectl
 * reports them, and a user fixes them in one round rather than one per try.
 */
public final class ValidationException extends AinoException {
  private static final long serialVersionUID = 1L;

  /**
   * One refused field.
   *
   * @param field the dot separated path of the field, e.g. {@code spec.replicas}; empty for the
   *     document as a whole
   * @param reason why the value was refused, without the field path
   */
  public record FieldError(String field, String reason) {
    public FieldError {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(reason, "reason");
    }

    /** The same error seen from an enclosing object: {@code prefix.field}. */
    FieldError under(String prefix) {
      if (prefix == null || prefix.isEmpty()) {
        return this;
      }
      return new FieldError(field.isEmpty() ? prefix : prefix + "." + field, reason);
    }

    @Override
    public String toString() {
      return field.isEmpty() ? reason : field + ": " + reason;
    }
  }

  private final List<FieldError> errors;

  public ValidationException(String field, String reason) {
    this(List.of(new FieldError(field, reason)));
  }

  /**
   * Every error found in one document.
   *
   * @param errors at least one
   */
  public ValidationException(List<FieldError> errors) {
    super(ErrorCode.INVALID_ARGUMENT, message(errors));
    this.errors = List.copyOf(errors);
  }

  private static String message(List<FieldError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a validation error needs at least one field error");
    }
    if (errors.size() == 1) {
      return errors.get(0).toString();
    }
    return errors.size()
        + " errors:"
        + errors.stream().map(e -> "\n  " + e).collect(Collectors.joining());
  }

  /** Every error, in the order the document was read. */
  public List<FieldError> errors() {
    return errors;
  }

  /**
   * The path of the (first) offending field, dot separated, e.g. {@code spec.resources.memoryMiB}.
   */
  public String field() {
    return errors.get(0).field();
  }

  /** Why the (first) value was refused, without the field path. */
  public String reason() {
    return errors.get(0).reason();
  }

  /** The same errors seen from an enclosing object: {@code prefix.field}. */
  public ValidationException under(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    return new ValidationException(errors.stream().map(e -> e.under(prefix)).toList());
  }
}
