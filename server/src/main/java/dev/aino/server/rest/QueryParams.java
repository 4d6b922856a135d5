package dev.aino.server.rest;

import dev.aino.error.ValidationException;
import dev.aino.model.InstancePhase;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads query parameters; a bad value is a {@link ValidationException} naming the parameter. */
final class QueryParams {
  private QueryParams() {}

  /** The parameter's value, or null when it is absent or blank. */
  static String optional(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** {@code ?name=true} or {@code false}; absent is false. */
  static boolean flag(Context ctx, String name) {
    String value = optional(ctx, name);
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    throw new ValidationException(name, "must be true or false, got \"" + value + "\"");
  }

  /**
   * An instance phase as JSON spells it ({@code RUNNING}) or in any other letter case ({@code
   * running}); null when absent.
   */
  static InstancePhase phase(Context ctx, String name) {
    String value = optional(ctx, name);
    if (value == null) {
      return null;
    }
    for (InstancePhase phase : InstancePhase.values()) {
      if (phase.name().equalsIgnoreCase(value)) {
        return phase;
      }
    }
    throw new ValidationException(
        name,
        "must be one of "
            + Arrays.stream(InstancePhase.values())
                .map(InstancePhase::name)
                .collect(Collectors.joining(", "))
            + ", got \""
            + value
            + "\"");
  }
}
