package dev.aino.server.http;

import dev.aino.error.ErrorCode;

/**
 * The JSON body of every HTTP error aino sends: {@code {"error":{"code":"NOT_FOUND","message":
 * "..."}}}.
 *
 * @param error what went wrong
 */
public record ErrorBody(Detail error) {
  /**
   * @param code the {@link ErrorCode} name, for programs
   * @param message what happened and what to do, for people and agents
   */
  public record Detail(String code, String message) {}

  public static ErrorBody of(ErrorCode code, String message) {
    return new ErrorBody(new Detail(code.name(), message));
  }
}
