package dev.aino.server.http;

import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.api.Surface;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import java.util.Optional;

/**
 * The check of an {@code Authorization} header against the server's bearer tokens: the admin {@code
 * --token}, the read-only {@code --read-token}, and the named callers of {@code --tokens-file}. The
 * {@link RequestGuard} applies it to every request but those to public paths, before any servlet
 * sees them, so an unknown path without a token is a 401, not a 404: nothing about the server's
 * routes is revealed to a caller without the token.
 *
 * <p>Every token is compared, by SHA-256 digest and in constant time, whichever matches: the time
 * of an answer tells nothing about which tokens exist.
 */
public final class BearerAuth {
  private static final String SCHEME = "Bearer ";

  /** The caller that the single {@code --token} authenticates. */
  static final Caller ADMIN = new Caller("admin", Role.ADMIN, Surface.REST);

  /** The caller that {@code --read-token} authenticates. */
  static final Caller VIEWER = new Caller("viewer", Role.VIEWER, Surface.REST);

  private final Optional<BearerToken> admin;
  private final Optional<BearerToken> reader;
  private final Optional<TokensFile> named;

  BearerAuth(BearerToken token) {
    this(Optional.of(token), Optional.empty(), Optional.empty());
  }

  private BearerAuth(
      Optional<BearerToken> admin, Optional<BearerToken> reader, Optional<TokensFile> named) {
    this.admin = admin;
    this.reader = reader;
    this.named = named;
  }

  /** The check the settings ask for; none when they set no token at all (loopback only). */
  public static Optional<BearerAuth> of(HttpSettings settings) {
    if (!settings.authenticates()) {
      return Optional.empty();
    }
    return Optional.of(
        new BearerAuth(settings.token(), settings.readToken(), settings.tokensFile()));
  }

  /**
   * Checks an {@code Authorization} header's value and says who it authenticates.
   *
   * @throws AinoException UNAUTHENTICATED when the header is missing or the token wrong
   */
  public Caller authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw new AinoException(
          ErrorCode.UNAUTHENTICATED,
          "this aino server needs a bearer token: send the header 'Authorization: Bearer <token>'");
    }
    byte[] digest = BearerToken.sha256(header.substring(SCHEME.length()).trim());
    return authenticateDigest(digest)
        .orElseThrow(
            () -> new AinoException(ErrorCode.UNAUTHENTICATED, "the bearer token is not valid"));
  }

  /**
   * Who the token with this SHA-256 digest authenticates now; empty when no token the server knows
   * has it (any more: a console session re-checks its login token on every request, so removing a
   * token from the tokens file ends its sessions too).
   */
  public Optional<Caller> authenticateDigest(byte[] digest) {
    boolean isAdmin = admin.isPresent() && admin.get().matchesDigest(digest);
    boolean isReader = reader.isPresent() && reader.get().matchesDigest(digest);
    Optional<Caller> fromFile = named.flatMap(f -> f.authenticate(digest));
    if (isAdmin) {
      return Optional.of(ADMIN);
    }
    if (isReader) {
      return Optional.of(VIEWER);
    }
    return fromFile;
  }
}
