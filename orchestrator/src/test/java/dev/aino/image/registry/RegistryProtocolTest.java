package dev.aino.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Challenge parsing, token expiry, endpoints and configuration checks. */
class RegistryProtocolTest {
  @Test
  void parsesBearerChallengesWhateverTheParameterOrder() {
    AuthChallenge docker =
        AuthChallenge.parse(
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/busybox:pull\"");
    assertThat(docker.isBearer()).isTrue();
    assertThat(docker.params())
        .isEqualTo(
            Map.of(
                "realm", "https://auth.docker.io/token",
                "service", "registry.docker.io",
                "scope", "repository:library/busybox:pull"));
    AuthChallenge odd =
        AuthChallenge.parse(
            "bearer Scope=\"repository:a:pull,push\", error=insufficient_scope, Realm=\"https://x/t\"");
    assertThat(odd.param("scope")).isEqualTo("repository:a:pull,push");
    assertThat(odd.param("error")).isEqualTo("insufficient_scope");
    assertThat(odd.param("realm")).isEqualTo("https://x/t");
  }

  @Test
  void prefersBearerOverBasic() {
    assertThat(
            AuthChallenge.pick(List.of("Basic realm=\"r\"", "Bearer realm=\"https://t\""))
                .orElseThrow()
                .isBearer())
        .isTrue();
    assertThat(AuthChallenge.pick(List.of("Basic realm=\"r\"")).orElseThrow().isBasic()).isTrue();
    assertThat(AuthChallenge.pick(List.of("Negotiate abc"))).isEmpty();
  }

  @Test
  void tokensAreCachedPerScopeUntilShortlyBeforeTheyExpire() {
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    TokenCache cache = new TokenCache(clock);
    cache.put("r:5000", "repository:a:pull", "t1", Duration.ofSeconds(60));
    assertThat(cache.get("r:5000", "repository:a:pull")).contains("t1");
    assertThat(cache.get("r:5000", "repository:b:pull")).isEmpty();
    assertThat(cache.get("other:5000", "repository:a:pull")).isEmpty();
    clock.advance(Duration.ofSeconds(54));
    assertThat(cache.get("r:5000", "repository:a:pull")).contains("t1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get("r:5000", "repository:a:pull")).isEmpty();
  }

  @Test
  void endpointsAreHttpsUnlessListedAndDockerHubHasItsApiHost() {
    RegistryConfig config = RegistryConfig.defaults().withInsecure("127.0.0.1:5000");
    assertThat(RegistryEndpoint.of("127.0.0.1:5000", config).base())
        .isEqualTo(URI.create("http://127.0.0.1:5000/v2/"));
    assertThat(RegistryEndpoint.of("127.0.0.1:5001", config).base())
        .isEqualTo(URI.create("https://127.0.0.1:5001/v2/"));
    assertThat(RegistryEndpoint.of("docker.io", config).manifest("library/busybox", "latest"))
        .isEqualTo(URI.create("https://registry-1.docker.io/v2/library/busybox/manifests/latest"));
  }

  @Test
  void configurationNamesTheFieldItRefuses() {
    assertThatThrownBy(() -> RegistryConfig.defaults().withInsecure("http://127.0.0.1:5000"))
        .hasMessage(
            "insecureRegistries: \"http://127.0.0.1:5000\" must be HOST or HOST:PORT, without a"
                + " scheme or path (e.g. 127.0.0.1:5000)");
    assertThatThrownBy(() -> RegistryConfig.defaults().withTimeouts(Duration.ZERO, null, null))
        .hasMessage("connectTimeout: must be > 0, got PT0S");
    assertThat(new RegistryCredentials("alice", "s3cret").toString()).doesNotContain("s3cret");
    assertThat(new RegistryCredentials("alice", "s3cret").basicHeader())
        .isEqualTo("Basic YWxpY2U6czNjcmV0");
  }
}
