package dev.aino.server.http;

import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationException;
import dev.aino.error.ValidationException.FieldError;
import dev.aino.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The JSON body of every HTTP error aino sends: {@code {"error":{"code":"NOT_FOUND","message":
 * "..."}}}; a refused document adds every refused field under {@code details}: {@code
 * [{"field":"spec.replicas","reason":"must be >= 0, got -1"}, ...]}.
 *
 * @param error what went wrong
 * @param current for a change refused because its object changed since the caller read it (409),
 *     the object as it is now, so that the caller can re-plan from it; else null (left out)
 */
public record ErrorBody(Detail error, Object current) {
  public ErrorBody(Detail error) {
    this(error, null);
  }

  /**
   * @param code the {@link ErrorCode} name, for programs
   * @param message what happened and what to do, for people and agents
   * @param details each refused field of an {@code INVALID_ARGUMENT}, for programs; else null
   */
  public record Detail(String code, String message, List<FieldError> details) {
    public Detail(String code, String message) {
      this(code, message, null);
    }
  }

  public static ErrorBody of(ErrorCode code, String message) {
    return new ErrorBody(new Detail(code.name(), message));
  }

  /** The body of a refused document: the message and each refused field. */
  public static ErrorBody of(ValidationException e) {
    return new ErrorBody(new Detail(e.code().name(), e.getMessage(), e.errors()));
  }

  /**
   * The error an aino server answered, as its clients (the CLI, a joined agent) read it; empty when
   * {@code answer} is not an aino error with a message (a proxy's page, a foreign server).
   */
  public static Optional<Detail> parse(byte[] answer) {
    try {
      ErrorBody body = Json.mapper().readValue(answer, ErrorBody.class);
      return body == null || body.error() == null || body.error().message() == null
          ? Optional.empty()
          : Optional.of(body.error());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The error code a server named; INTERNAL for a name this side does not know. */
  public static ErrorCode codeOf(String name) {
    for (ErrorCode code : ErrorCode.values()) {
      if (code.name().equals(name)) {
        return code;
      }
    }
    return ErrorCode.INTERNAL;
  }
}
