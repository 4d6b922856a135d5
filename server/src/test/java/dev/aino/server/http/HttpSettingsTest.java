package dev.aino.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpSettingsTest {
  @Test
  void loopbackNeedsNoToken() {
    assertThat(new HttpSettings("127.0.0.1", 7070, Optional.empty()).token()).isEmpty();
    assertThat(new HttpSettings("localhost", 7070, Optional.empty()).bind()).isEqualTo("localhost");
    assertThat(new HttpSettings("::1", 7070, null).token()).isEmpty();
  }

  @Test
  void refusesNonLoopbackWithoutToken() {
    assertThatThrownBy(() -> new HttpSettings("0.0.0.0", 7070, Optional.empty()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("--bind")
        .hasMessageContaining("without a bearer token")
        .hasMessageContaining("AINO_TOKEN");
  }

  @Test
  void acceptsNonLoopbackWithToken() {
    HttpSettings settings =
        new HttpSettings("0.0.0.0", 7070, Optional.of(BearerToken.of("0123456789abcdef")));

    assertThat(settings.token()).isPresent();
  }

  @Test
  void refusesAShortTokenBeyondLoopbackOnly() {
    assertThatThrownBy(
            () -> new HttpSettings("0.0.0.0", 7070, Optional.of(BearerToken.of("0123456789abcde"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("--token: must be at least 16 characters to listen on 0.0.0.0")
        .hasMessageContaining("it has 15")
        .hasMessageNotContaining("0123456789abcde");
    assertThat(new HttpSettings("127.0.0.1", 7070, Optional.of(BearerToken.of("t"))).token())
        .isPresent();
  }

  @Test
  void refusesPortsOutOfRange() {
    assertThatThrownBy(() -> HttpSettings.loopback(65_536))
        .isInstanceOf(ValidationException.class)
        .hasMessage("--port: must be <= 65535, got 65536");
    assertThatThrownBy(() -> HttpSettings.loopback(-1))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("--port:");
  }

  @Test
  void baseUriBracketsIpv6() {
    assertThat(HttpSettings.loopback(0).baseUri(8080).toString())
        .isEqualTo("http://127.0.0.1:8080");
    assertThat(new HttpSettings("::1", 0, null).baseUri(8080).toString())
        .isEqualTo("http://[::1]:8080");
  }
}
