package dev.aino.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Host and Origin matching: loopback names with any port, listed names, nothing that merely looks
 * alike.
 */
class AllowedCallersTest {
  private final AllowedCallers loopback = new AllowedCallers(List.of(), List.of());

  @Test
  void loopbackNamesPassWithAnyPortOrNone() {
    for (String host :
        List.of("127.0.0.1", "127.0.0.1:7070", "localhost", "LOCALHOST:1", "[::1]:7070")) {
      assertThat(loopback.hostAllowed(host)).as(host).isTrue();
    }
    for (String origin :
        List.of("http://127.0.0.1:7070", "https://localhost", "http://[::1]:8080")) {
      assertThat(loopback.originAllowed(origin)).as(origin).isTrue();
    }
    assertThat(loopback.originAllowed(null)).as("no Origin: not a browser").isTrue();
  }

  @Test
  void lookalikesAndOtherNamesAreRefused() {
    for (String host :
        List.of(
            "evil.example",
            "127.0.0.1.evil.example",
            "localhost.evil.example:7070",
            "127.0.0.1:7070@evil.example",
            "127.0.0.1:",
            "")) {
      assertThat(loopback.hostAllowed(host)).as(host).isFalse();
    }
    assertThat(loopback.hostAllowed(null)).isFalse();
    for (String origin :
        List.of(
            "http://evil.example",
            "null",
            "http://127.0.0.1:7070.evil.example",
            "file://",
            "http://localhost.evil.example")) {
      assertThat(loopback.originAllowed(origin)).as(origin).isFalse();
    }
  }

  @Test
  void listedNamesPassExactlyOrWithAnyPort() {
    AllowedCallers named =
        new AllowedCallers(
            List.of("aino.example:*", "10.0.0.5:7070"), List.of("https://console.example"));

    assertThat(named.hostAllowed("aino.example")).isTrue();
    assertThat(named.hostAllowed("Aino.Example:443")).isTrue();
    assertThat(named.hostAllowed("10.0.0.5:7070")).isTrue();
    assertThat(named.hostAllowed("10.0.0.5:7071")).isFalse();
    assertThat(named.hostAllowed("sub.aino.example")).isFalse();
    assertThat(named.originAllowed("https://console.example")).isTrue();
    assertThat(named.originAllowed("https://console.example:8443")).isFalse();
    assertThat(named.originAllowed("http://aino.example")).isFalse();
  }
}
