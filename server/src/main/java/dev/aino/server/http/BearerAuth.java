package dev.aino.server.http;

import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.api.Surface;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import java.util.Optional;

/**
 * The check of an {@code Authorization} header against the server's bearer token. The {@link
 * RequestGuard} applies it to every request but those to public paths, before any servlet sees
 * them, so an unknown path without a token is a 401, not a 404: nothing about the server's routes
 * is revealed to a caller without the token.
 */
final class BearerAuth {
  private static final String SCHEME = "Bearer ";

  private final BearerToken token;

  BearerAuth(BearerToken token) {
    this.token = token;
  }

  /** The check the settings ask for: none when no token is set. */
  static Optional<BearerAuth> of(HttpSettings settings) {
    return settings.token().map(BearerAuth::new);
  }

  /** The caller that the single {@code --token} authenticates. */
  static final Caller ADMIN = new Caller("admin", Role.ADMIN, Surface.REST);

  /**
   * Checks an {@code Authorization} header's value and says who it authenticates.
   *
   * @throws AinoException UNAUTHENTICATED when the header is missing or the token wrong
   */
  Caller authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new AinoException(
          ErrorCode.UNAUTHENTICATED,
          "this aino server needs a bearer token: send the header 'Authorization: Bearer <token>'");
    }
    if (!token.matches(header.substring(SCHEME.length()).trim())) {
      throw new AinoException(ErrorCode.UNAUTHENTICATED, "the bearer token is not valid");
    }
    return ADMIN;
  }
}
