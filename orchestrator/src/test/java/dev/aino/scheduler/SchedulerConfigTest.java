package dev.aino.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulerConfigTest {
  @ParameterizedTest(name = "[{index}] {0} nodes -> {1} candidates")
  @CsvSource({"0, 2", "1, 2", "2, 2", "4, 2", "5, 3", "8, 3", "9, 4", "1000, 10", "5000, 13"})
  void defaultLimitIsLog2OfTheNodesAndAtLeastTwo(int nodes, int expected) {
    assertThat(CandidateLimit.DEFAULT.forNodeCount(nodes)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] fixed {0}")
  @CsvSource({"1", "7", "100"})
  void fixedLimitIgnoresTheClusterSize(int candidates) {
    assertThat(CandidateLimit.fixed(candidates).forNodeCount(5000)).isEqualTo(candidates);
    assertThat(CandidateLimit.allNodes().forNodeCount(5000)).isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest(name = "[{index}] minimum {0}")
  @CsvSource({"0", "-3"})
  void refusesLimitsBelowOne(int minimum) {
    assertThatThrownBy(() -> CandidateLimit.fixed(minimum))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("minimum: must be > 0");
  }

  @ParameterizedTest(name = "[{index}] skips {0}")
  @CsvSource({"-1"})
  void refusesNegativeSkips(int skips) {
    assertThatThrownBy(() -> new SchedulerConfig(1, null, skips))
        .isInstanceOf(ValidationException.class)
        .hasMessage("maxPenalisedSkips: must be >= 0, got -1");
    assertThat(new SchedulerConfig(1, null, 0).candidateLimit()).isEqualTo(CandidateLimit.DEFAULT);
  }
}
