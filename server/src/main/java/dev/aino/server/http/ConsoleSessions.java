package dev.aino.server.http;

import dev.aino.api.Caller;
import dev.aino.api.Surface;
import dev.aino.console.ConsoleLogin;
import dev.aino.console.ConsoleSession;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's logins. The login form's token is checked by the same {@link BearerAuth} as the
 * {@code Authorization} header, so every token the server knows logs in as the caller it names. The
 * {@link RequestGuard} consults this class for a request that carries the session cookie and no
 * {@code Authorization} header; a state-changing request must also carry the session's CSRF token
 * in {@value ConsoleSession#CSRF_HEADER}, which a page of another site cannot read.
 *
 * <p>A session stands for the token it logged in with, not for the caller that token named then:
 * every request checks the token's digest again, so a token removed from the tokens file (or a
 * changed {@code --token}) ends its sessions at once. With a file (the server's data directory) the
 * sessions survive a restart of {@code aino up}, so an open page reconnects and carries on instead
 * of asking its user to log in again. The file holds neither a cookie nor a token: only the SHA-256
 * of each session id and of its login token (as the tokens file does), each session's CSRF token
 * (useless without the cookie) and its expiry, and it is readable by its owner only.
 */
public final class ConsoleSessions implements ConsoleLogin {
  /** How long a login lasts: a working day. */
  public static final Duration TTL = Duration.ofHours(8);

  /** The most live sessions: beyond that a login is refused rather than memory grown. */
  static final int MAX_SESSIONS = 10_000;

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Optional<BearerAuth> auth;
  private final Clock clock;
  private final Duration ttl;
  private final Optional<ConsoleSessionFile> file;

  /** Keyed by the hex SHA-256 of the session id, so that not even memory holds a usable cookie. */
  private final Map<String, ConsoleSessionFile.Entry> sessions = new ConcurrentHashMap<>();

  ConsoleSessions(Optional<BearerAuth> auth, Clock clock, Duration ttl) {
    this(auth, clock, ttl, null);
  }

  ConsoleSessions(Optional<BearerAuth> auth, Clock clock, Duration ttl, Path file) {
    this.auth = auth;
    this.clock = clock;
    this.ttl = ttl;
    this.file = Optional.ofNullable(file).map(ConsoleSessionFile::new);
    this.file.ifPresent(f -> sessions.putAll(f.read(clock.instant())));
  }

  /**
   * The sessions of a server with these settings, in memory only: none to open when no token is
   * set.
   */
  public static ConsoleSessions create(HttpSettings settings, Clock clock) {
    return new ConsoleSessions(BearerAuth.of(settings), clock, TTL);
  }

  /** As {@link #create(HttpSettings, Clock)}, kept in {@code file} so they survive a restart. */
  public static ConsoleSessions create(HttpSettings settings, Clock clock, Path file) {
    return new ConsoleSessions(BearerAuth.of(settings), clock, TTL, file);
  }

  @Override
  public boolean required() {
    return auth.isPresent();
  }

  @Override
  public ConsoleSession login(String token) {
    if (auth.isEmpty()) {
      throw new AinoException(
          ErrorCode.INVALID_ARGUMENT,
          "this server has no token configured: the console needs no login");
    }
    String given = token == null ? "" : token.strip();
    Caller caller = auth.get().authenticate("Bearer " + given);
    Instant now = clock.instant();
    synchronized (this) {
      sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
      if (sessions.size() >= MAX_SESSIONS) {
        throw new AinoException(
            ErrorCode.UNAVAILABLE,
            "too many console sessions are open (" + MAX_SESSIONS + "); try again later");
      }
      ConsoleSession session =
          new ConsoleSession(
              randomToken(), randomToken(), caller.via(Surface.CONSOLE), now.plus(ttl));
      sessions.put(
          digestOf(session.id()),
          new ConsoleSessionFile.Entry(
              session.csrfToken(), BearerToken.sha256(given), session.expiresAt()));
      save();
      return session;
    }
  }

  @Override
  public Optional<ConsoleSession> session(HttpServletRequest request) {
    String id = cookie(request);
    if (id == null || auth.isEmpty()) {
      return Optional.empty();
    }
    String key = digestOf(id);
    ConsoleSessionFile.Entry kept = sessions.get(key);
    if (kept == null) {
      return Optional.empty();
    }
    Optional<Caller> caller = Optional.empty();
    if (kept.expiresAt().isAfter(clock.instant())) {
      caller = auth.get().authenticateDigest(kept.tokenDigest());
    }
    if (caller.isEmpty()) {
      forget(key); // expired, or its token is no longer valid
      return Optional.empty();
    }
    return Optional.of(
        new ConsoleSession(
            id, kept.csrfToken(), caller.get().via(Surface.CONSOLE), kept.expiresAt()));
  }

  @Override
  public void logout(String sessionId) {
    forget(digestOf(sessionId));
  }

  private synchronized void forget(String key) {
    if (sessions.remove(key) != null) {
      save();
    }
  }

  private void save() {
    file.ifPresent(f -> f.write(sessions));
  }

  private static String digestOf(String sessionId) {
    return HexFormat.of().formatHex(BearerToken.sha256(sessionId));
  }

  /**
   * The caller of a request authenticated by its session cookie: empty when it sends an {@code
   * Authorization} header or no live session's cookie (the header is then checked as usual).
   *
   * @throws AinoException PERMISSION_DENIED for a state-changing request without the session's CSRF
   *     token
   */
  Optional<Caller> authenticate(HttpServletRequest request) {
    if (request.getHeader("Authorization") != null) {
      return Optional.empty();
    }
    Optional<ConsoleSession> session = session(request);
    if (session.isEmpty()) {
      return Optional.empty();
    }
    if (WRITES.contains(request.getMethod())
        && !same(session.get().csrfToken(), request.getHeader(ConsoleSession.CSRF_HEADER))) {
      throw new AinoException(
          ErrorCode.PERMISSION_DENIED,
          "a change from the console must carry the page's "
              + ConsoleSession.CSRF_HEADER
              + " header: reload the page and try again");
    }
    return Optional.of(session.get().caller());
  }

  /**
   * Whether a refused request is a browser opening a console page, which is better sent to the
   * login form than shown a JSON 401.
   */
  boolean wantsLoginPage(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return auth.isPresent()
        && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
        && request.getHeader("Authorization") == null
        && accept != null
        && accept.contains("text/html");
  }

  private static String cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (ConsoleSession.COOKIE.equals(c.getName())) {
        return c.getValue();
      }
    }
    return null;
  }

  private static boolean same(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
