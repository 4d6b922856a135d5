package dev.aino.error;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the {@link ValidationException}s of the independent checks of one document, so that it
 * is refused once with every error rather than once per error. Not thread-safe: one per document.
 */
public final class ValidationErrors {
  private final List<ValidationException.FieldError> errors = new ArrayList<>();

  /** Records an error. */
  public void add(String field, String reason) {
    errors.add(new ValidationException.FieldError(field, reason));
  }

  /** Records every error of {@code e}. */
  public void add(ValidationException e) {
    errors.addAll(e.errors());
  }

  /** Runs one check and records its errors instead of stopping at them. */
  public void check(Runnable check) {
    try {
      check.run();
    } catch (ValidationException e) {
      add(e);
    }
  }

  /**
   * Runs one check that yields a value.
   *
   * @return the value, or null when the check failed (its errors are recorded)
   */
  public <T> T get(Supplier<T> check) {
    try {
      return check.get();
    } catch (ValidationException e) {
      add(e);
      return null;
    }
  }

  /** How many errors were recorded so far; compare before and after a step to see if it failed. */
  public int count() {
    return errors.size();
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /**
   * Throws one exception with every recorded error, if there is any.
   *
   * @throws ValidationException with all errors
   */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
