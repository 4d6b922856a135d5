package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared checks at their limits: the last accepted value and the first refused one. */
class ValidateTest {
  private static final int MAX_TEXT = 32 * 1024;

  @Test
  void textAcceptsUpToTheLimitAndRefusesANulAnywhere() {
    String longest = "x".repeat(MAX_TEXT);
    assertThat(Validate.text("message", longest)).isSameAs(longest);
    assertThatThrownBy(() -> Validate.text("message", longest + "x"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("message")
        .hasMessageContaining("got " + (MAX_TEXT + 1));
    assertThatThrownBy(() -> Validate.text("message", "\0leading"))
        .hasMessageContaining("must not contain a NUL byte");
  }

  @Test
  void nonBlankAndRangeReturnWhatTheyChecked() {
    assertThat(Validate.nonBlank("name", "web")).isEqualTo("web");
    assertThat(Validate.range("replicas", 7, 0, 10)).isEqualTo(7);
    assertThat(Validate.range("replicas", 10, 0, 10)).isEqualTo(10);
    assertThatThrownBy(() -> Validate.range("replicas", 11, 0, 10))
        .hasMessageContaining("must be <= 10, got 11");
  }

  @Test
  void envKeepsItsVariables() {
    assertThat(Validate.env("env", Map.of("B", "2", "A", "1")))
        .containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
  }

  @Test
  void labelKeysAndValuesAtTheirLengthLimits() {
    // As Kubernetes: a prefix of at most 253 characters, a '/', a name of at most 63.
    String key = "a".repeat(253) + "/" + "b".repeat(63);
    String value = "v".repeat(63);
    assertThat(Validate.labels("labels", Map.of("k", value))).containsEntry("k", value);
    assertThatThrownBy(() -> Validate.labels("labels", Map.of("k", value + "v")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("labels.k");
    assertThat(Validate.labels("labels", Map.of(key, "x"))).containsKey(key);
    assertThatThrownBy(() -> Validate.labels("labels", Map.of(key + "b", "x")))
        .hasMessageContaining("must be a label key");
    assertThatThrownBy(() -> Validate.labels("labels", Map.of("a" + key, "x")))
        .hasMessageContaining("must be a label key");
  }

  @Test
  void clipShowsUpToEightyCharactersAndMarksTheCut() {
    String eighty = "y".repeat(80);
    assertThat(Validate.clip(eighty)).isEqualTo(eighty);
    assertThat(Validate.clip(eighty + "y")).isEqualTo("y".repeat(77) + "...");
    assertThat(Validate.clip("a\0b")).isEqualTo("a\\0b");
  }
}
