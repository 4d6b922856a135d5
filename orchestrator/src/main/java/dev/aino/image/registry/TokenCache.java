package dev.aino.image.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens per registry and scope until shortly before they expire, so pulling many blobs of
 * one repository asks the token service once.
 */
final class TokenCache {
  /** A token is not handed out in its last seconds: a request sent with it could arrive late. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

  private record Token(String value, Instant expires) {}

  private final Clock clock;
  private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  /** The cached token for {@code registry} and {@code scope}, if still valid. */
  Optional<String> get(String registry, String scope) {
    String key = key(registry, scope);
    Token t = tokens.get(key);
    if (t == null) {
      return Optional.empty();
    }
    if (!clock.instant().plus(EXPIRY_MARGIN).isBefore(t.expires())) {
      tokens.remove(key, t);
      return Optional.empty();
    }
    return Optional.of(t.value());
  }

  void put(String registry, String scope, String token, Duration lifetime) {
    tokens.put(key(registry, scope), new Token(token, clock.instant().plus(lifetime)));
  }

  /** Forgets a token the registry refused (revoked, or its clock disagrees with ours). */
  void forget(String registry, String scope) {
    tokens.remove(key(registry, scope));
  }

  private static String key(String registry, String scope) {
    return registry + " " + scope;
  }
}
