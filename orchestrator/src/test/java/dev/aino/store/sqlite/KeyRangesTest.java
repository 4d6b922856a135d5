package dev.aino.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyRangesTest {
  @Test
  void theBoundIncrementsTheLastCharacter() {
    assertThat(KeyRanges.upperBound("instances/web/")).isEqualTo("instances/web0");
    assertThat(KeyRanges.upperBound("a")).isEqualTo("b");
  }

  @Test
  void theEmptyPrefixHasNoBound() {
    assertThat(KeyRanges.upperBound("")).isNull();
  }

  @Test
  void theGreatestCodePointIsDroppedAndTheOneBeforeIncremented() {
    String max = new String(Character.toChars(Character.MAX_CODE_POINT));
    assertThat(KeyRanges.upperBound("a" + max)).isEqualTo("b");
    assertThat(KeyRanges.upperBound(max + max)).isNull();
  }

  @Test
  void surrogatesAreSkipped() {
    assertThat(KeyRanges.upperBound("x\uD7FF")).isEqualTo("x\uE000");
    assertThat(KeyRanges.upperBound("x\uFFFF"))
        .isEqualTo("x" + new String(Character.toChars(0x10000)));
  }
}
