package dev.aino.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the pages write an answer's lines: each thing once, in order. */
class FmtTest {
  @Test
  void aLineAnEarlierOneAlreadySaysIsLeftOut() {
    assertThat(
            Fmt.distinct(
                null,
                "Which workload should I scale? api or web?",
                "Which workload should I scale? api or web?",
                " "))
        .containsExactly("Which workload should I scale? api or web?");
  }

  @Test
  void theLongerLineKeepsThePlaceOfTheShorterItSays() {
    assertThat(
            Fmt.distinct(
                "api would be configured",
                "would scale api from 3 to 4 (api would be configured)",
                "cannot pull"))
        .containsExactly("would scale api from 3 to 4 (api would be configured)", "cannot pull");
  }
}
