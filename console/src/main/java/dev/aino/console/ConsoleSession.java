package dev.aino.console;

import dev.aino.api.Caller;
import dev.aino.model.Validate;
import java.time.Instant;

/**
 * A console login: the browser holds {@code id} in an HttpOnly cookie and sends {@code csrfToken}
 * in a header with every change, which a page of another site cannot read or send.
 *
 * @param id the cookie's value, random and unguessable
 * @param csrfToken the value every state-changing request must carry in {@value #CSRF_HEADER}
 * @param caller who logged in, as the token they gave authenticates them
 * @param expiresAt when the login ends; the cookie expires then too
 */
public record ConsoleSession(String id, String csrfToken, Caller caller, Instant expiresAt) {
  /** The cookie holding the session id. */
  public static final String COOKIE = "aino_session";

  /** The header carrying the CSRF token on state-changing requests. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  public ConsoleSession {
    Validate.required("id", id);
    Validate.required("csrfToken", csrfToken);
    Validate.required("caller", caller);
    Validate.required("expiresAt", expiresAt);
  }
}
