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
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
 * <p>Sessions live in memory: a server restart logs everyone out, which is the safe direction.
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
  private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

  ConsoleSessions(Optional<BearerAuth> auth, Clock clock, Duration ttl) {
    this.auth = auth;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** The sessions of a server with these settings: none to open when no token is set. */
  public static ConsoleSessions create(HttpSettings settings, Clock clock) {
    return new ConsoleSessions(BearerAuth.of(settings), clock, TTL);
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
    Caller caller = auth.get().authenticate("Bearer " + (token == null ? "" : token.strip()));
    Instant now = clock.instant();
    sessions.values().removeIf(s -> !s.expiresAt().isAfter(now));
    if (sessions.size() >= MAX_SESSIONS) {
      throw new AinoException(
          ErrorCode.UNAVAILABLE,
          "too many console sessions are open (" + MAX_SESSIONS + "); try again later");
    }
    ConsoleSession session =
        new ConsoleSession(
            randomToken(), randomToken(), caller.via(Surface.CONSOLE), now.plus(ttl));
    sessions.put(session.id(), session);
    return session;
  }

  @Override
  public Optional<ConsoleSession> session(HttpServletRequest request) {
    String id = cookie(request);
    if (id == null) {
      return Optional.empty();
    }
    ConsoleSession session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (!session.expiresAt().isAfter(clock.instant())) {
      sessions.remove(id);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  @Override
  public void logout(String sessionId) {
    sessions.remove(sessionId);
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
