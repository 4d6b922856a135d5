package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The arithmetic of CPU and memory amounts, both dimensions at once. */
class ResourcesTest {
  @Test
  void plusAddsEachDimension() {
    assertThat(Resources.of(250, 128).plus(Resources.of(750, 64)))
        .isEqualTo(Resources.of(1000, 192));
  }

  @Test
  void minusSubtractsEachDimensionAndStopsAtZero() {
    assertThat(Resources.of(1000, 512).minus(Resources.of(250, 128)))
        .isEqualTo(Resources.of(750, 384));
    assertThat(Resources.of(100, 512).minus(Resources.of(250, 128)))
        .as("over-committed CPU shows as no room")
        .isEqualTo(Resources.of(0, 384));
    assertThat(Resources.of(1000, 64).minus(Resources.of(250, 128)))
        .isEqualTo(Resources.of(750, 0));
  }

  @Test
  void timesMultipliesEachDimension() {
    assertThat(Resources.of(250, 128).times(3)).isEqualTo(Resources.of(750, 384));
    assertThat(Resources.of(250, 128).times(0)).isEqualTo(Resources.ZERO);
  }

  @Test
  void isZeroOnlyWhenBothDimensionsAreZero() {
    assertThat(Resources.ZERO.isZero()).isTrue();
    assertThat(Resources.of(1, 0).isZero()).isFalse();
    assertThat(Resources.of(0, 1).isZero()).isFalse();
  }

  @Test
  void fitsIncludesTheExactAmountInBothDimensions() {
    Resources free = Resources.of(1000, 512);
    assertThat(free.fits(Resources.of(1000, 512))).isTrue();
    assertThat(free.fits(Resources.of(1001, 512))).isFalse();
    assertThat(free.fits(Resources.of(1000, 513))).isFalse();
  }
}
