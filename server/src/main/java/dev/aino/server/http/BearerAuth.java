package dev.aino.server.http;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.util.Set;

/**
 * Runs before every request and refuses those without the bearer token, except on public paths. It
 * runs before routing, so an unknown path without a token is a 401, not a 404: nothing about the
 * server's routes is revealed to a caller without the token.
 */
final class BearerAuth implements Handler {
  private static final String SCHEME = "Bearer ";

  private final BearerToken token;
  private final Set<String> publicPaths;

  BearerAuth(BearerToken token, Set<String> publicPaths) {
    this.token = token;
    this.publicPaths = Set.copyOf(publicPaths);
  }

  @Override
  public void handle(Context ctx) {
    if (publicPaths.contains(ctx.path())) {
      return;
    }
    authenticate(ctx.header(Header.AUTHORIZATION));
  }

  /**
   * Checks an {@code Authorization} header's value; also used for servlets mounted beside the
   * routes (MCP), which this handler does not see.
   *
   * @throws AinoException UNAUTHENTICATED when the header is missing or the token wrong
   */
  void authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new AinoException(
          ErrorCode.UNAUTHENTICATED,
          "this aino server needs a bearer token: send the header 'Authorization: Bearer <token>'");
    }
    if (!token.matches(header.substring(SCHEME.length()).trim())) {
      throw new AinoException(ErrorCode.UNAUTHENTICATED, "the bearer token is not valid");
    }
  }
}
