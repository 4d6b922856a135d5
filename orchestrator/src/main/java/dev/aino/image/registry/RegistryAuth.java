package dev.aino.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.AinoException;
import dev.aino.image.ImagePullErrors;
import dev.aino.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers registries' {@code 401} challenges: HTTP Basic with configured credentials, or the Bearer
 * token flow (ask the challenge's realm for a token for the service and scope, with the configured
 * credentials or anonymously), and remembers the answer so later requests carry it unasked.
 */
final class RegistryAuth {
  /** What the distribution spec says to assume when a token service does not say. */
  static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);

  private static final int MAX_TOKEN_RESPONSE = 1024 * 1024;

  private final RegistryHttp http;
  private final TokenCache tokens;

  /** Registries that asked for Basic auth: they get the credentials with every request. */
  private final Set<String> basicRegistries = ConcurrentHashMap.newKeySet();

  RegistryAuth(RegistryHttp http, Clock clock) {
    this.http = http;
    this.tokens = new TokenCache(clock);
  }

  /** The {@code Authorization} header to send without waiting for a challenge, if one is known. */
  Optional<String> known(String registry, String scope) {
    Optional<String> token = tokens.get(registry, scope);
    if (token.isPresent()) {
      return Optional.of("Bearer " + token.get());
    }
    if (basicRegistries.contains(registry)) {
      return http.config().credentialsFor(registry).map(RegistryCredentials::basicHeader);
    }
    return Optional.empty();
  }

  /**
   * The {@code Authorization} header that answers {@code challenge}.
   *
   * @throws AinoException {@code ImagePullFailed: unauthorized ...} when aino has nothing to answer
   *     with or the token service refuses
   */
  String answer(AuthChallenge challenge, String registry, String scope, String image) {
    if (challenge.isBasic()) {
      RegistryCredentials login =
          http.config()
              .credentialsFor(registry)
              .orElseThrow(
                  () ->
                      ImagePullErrors.failed(
                          "unauthorized: registry "
                              + registry
                              + " wants a user name and password for "
                              + image
                              + ", and none is configured for "
                              + registry));
      basicRegistries.add(registry);
      return login.basicHeader();
    }
    tokens.forget(registry, scope);
    return "Bearer " + fetchToken(challenge, registry, scope, image);
  }

  /** Forgets what was sent for {@code scope}, after the registry refused it. */
  void refused(String registry, String scope) {
    tokens.forget(registry, scope);
  }

  private String fetchToken(AuthChallenge challenge, String registry, String scope, String image) {
    URI realm = realm(challenge, registry);
    StringBuilder query = new StringBuilder();
    String service = challenge.param("service");
    if (service != null && !service.isEmpty()) {
      query.append("service=").append(encode(service)).append('&');
    }
    String wanted = challenge.param("scope");
    query.append("scope=").append(encode(wanted == null || wanted.isEmpty() ? scope : wanted));
    String base = realm.toString();
    URI uri = URI.create(base + (base.contains("?") ? "&" : "?") + query);
    Optional<RegistryCredentials> login = http.config().credentialsFor(registry);
    HttpRequest.Builder request = http.get(uri).header("Accept", "application/json");
    login.ifPresent(l -> request.header("Authorization", l.basicHeader()));
    Peer peer = Peer.tokenService(realm.getAuthority(), registry);
    try (RegistryResponse response = http.send(request.build(), peer)) {
      if (response.status() == 401 || response.status() == 403) {
        throw ImagePullErrors.failed(
            "unauthorized: "
                + peer.description()
                + (login.isPresent()
                    ? " refused the credentials configured for " + registry
                    : " refused anonymous access to "
                        + image
                        + "; configure credentials for "
                        + registry));
      }
      if (response.status() != 200) {
        String text = peer.description() + " answered " + response.status() + " for " + image;
        throw response.status() >= 500
            ? ImagePullErrors.unavailable(text, null)
            : ImagePullErrors.failed(text);
      }
      byte[] body = response.readAll(MAX_TOKEN_RESPONSE);
      if (body == null) {
        throw ImagePullErrors.failed(peer.description() + " sent an oversized token response");
      }
      JsonNode json = Json.mapper().readTree(body);
      String token = json.path("token").asText("");
      if (token.isEmpty()) {
        token = json.path("access_token").asText("");
      }
      if (token.isEmpty()) {
        throw ImagePullErrors.failed(peer.description() + " sent no token for " + image);
      }
      long seconds = json.path("expires_in").asLong(0);
      tokens.put(
          registry,
          scope,
          token,
          seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_TOKEN_LIFETIME);
      return token;
    } catch (IOException e) {
      throw ImagePullErrors.unavailable(
          "reading a token from " + peer.description() + " failed: " + e.getMessage(), e);
    }
  }

  /** The realm of a Bearer challenge: HTTPS, or plain HTTP only on a host listed as insecure. */
  private URI realm(AuthChallenge challenge, String registry) {
    String realm = challenge.param("realm");
    URI uri;
    try {
      uri = realm == null || realm.isEmpty() ? null : URI.create(realm);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getAuthority() == null) {
      throw ImagePullErrors.failed(
          "registry " + registry + " sent a Bearer challenge without a usable realm: " + realm);
    }
    boolean https = "https".equals(uri.getScheme());
    boolean allowedHttp =
        "http".equals(uri.getScheme()) && http.config().isInsecure(uri.getAuthority());
    if (!https && !allowedHttp) {
      throw ImagePullErrors.failed(
          "registry "
              + registry
              + " sends credentials to "
              + realm
              + ", which is not HTTPS; add --insecure-registry "
              + uri.getAuthority()
              + " to allow it");
    }
    return uri;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
