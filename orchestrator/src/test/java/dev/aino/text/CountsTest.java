package dev.aino.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {
  @Test
  void oneIsSingularEverythingElsePlural() {
    assertThat(Counts.of(1, "replica")).isEqualTo("1 replica");
    assertThat(Counts.of(0, "replica")).isEqualTo("0 replicas");
    assertThat(Counts.of(2, "instance")).isEqualTo("2 instances");
    assertThat(Counts.of(3, "entry", "entries")).isEqualTo("3 entries");
    assertThat(Counts.verb(1, "waits", "wait")).isEqualTo("waits");
    assertThat(Counts.verb(4, "waits", "wait")).isEqualTo("wait");
  }
}
