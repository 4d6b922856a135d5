package dev.aino.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import org.junit.jupiter.api.Test;

class BearerTokenTest {
  @Test
  void matchesOnlyTheSameText() {
    BearerToken token = BearerToken.of("abc123");

    assertThat(token.matches("abc123")).isTrue();
    assertThat(token.matches("abc1234")).isFalse();
    assertThat(token.matches("abc12")).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches(null)).isFalse();
  }

  @Test
  void neverShowsTheSecret() {
    assertThat(BearerToken.of("abc123").toString()).doesNotContain("abc123");
  }

  @Test
  void refusesTokensThatCannotTravelInAHeader() {
    assertThatThrownBy(() -> BearerToken.of(" "))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("--token: must not be blank");
    assertThatThrownBy(() -> BearerToken.of("two words"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("without spaces");
    assertThatThrownBy(() -> BearerToken.of("line\nbreak")).isInstanceOf(ValidationException.class);
  }
}
