package dev.aino.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {
  private static final List<String> KNOWN = List.of("members", "wave");

  @Test
  void givenOptionsAreReadAndMissingOnesFallBack() {
    Args args = new Args(new String[] {"--members", "50"}, KNOWN);
    assertThat(args.integer("members", 3)).isEqualTo(50);
    assertThat(args.integer("wave", 10)).isEqualTo(10);
    assertThat(args.text("wave", "none")).isEqualTo("none");
  }

  @Test
  void aMistypedOptionIsRefusedNamingItAndTheKnownOnes() {
    assertThatThrownBy(() -> new Args(new String[] {"--member", "50"}, KNOWN))
        .isInstanceOf(Args.UsageException.class)
        .hasMessage("--member is not an option of this benchmark; its options: --members, --wave");
  }

  @Test
  void anOptionGivenTwiceIsRefused() {
    assertThatThrownBy(() -> new Args(new String[] {"--wave", "5", "--wave", "6"}, KNOWN))
        .isInstanceOf(Args.UsageException.class)
        .hasMessage("--wave is given twice");
  }

  @Test
  void aValueOfTheWrongKindOrAMissingValueIsRefused() {
    Args args = new Args(new String[] {"--wave", "ten"}, KNOWN);
    assertThatThrownBy(() -> args.integer("wave", 10))
        .isInstanceOf(Args.UsageException.class)
        .hasMessage("--wave must be a whole number, got \"ten\"");
    assertThatThrownBy(() -> new Args(new String[] {"--wave"}, KNOWN))
        .hasMessage("option --wave needs a value");
    assertThatThrownBy(() -> new Args(new String[] {"wave", "5"}, KNOWN))
        .hasMessage("expected --option value, got wave");
  }

  @Test
  void readingAnUndeclaredOptionIsTheBenchmarksBug() {
    Args args = new Args(new String[0], KNOWN);
    assertThatThrownBy(() -> args.integer("rounds", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--rounds is read but not among the known options");
  }

  @Test
  void unionKeepsEachNameOnce() {
    assertThat(Args.union(List.of("etcd", "data-dir"), List.of("etcd", "rounds")))
        .containsExactly("etcd", "data-dir", "rounds");
  }
}
