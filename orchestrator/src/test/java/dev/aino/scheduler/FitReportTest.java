package dev.aino.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FitReportTest {
  static Stream<Arguments> messages() {
    return Stream.of(
        Arguments.of(0, 0, Map.of(), "0/0 nodes fit: no nodes registered"),
        Arguments.of(
            5,
            0,
            Map.of("not ready", 2, "insufficient memory", 3),
            "0/5 nodes fit: 3 insufficient memory, 2 not ready"),
        Arguments.of(
            6,
            0,
            Map.of("insufficient memory", 2, "cordoned", 2, "not ready", 2),
            "0/6 nodes fit: 2 cordoned, 2 insufficient memory, 2 not ready"),
        Arguments.of(
            4,
            1,
            Map.of("node selector mismatch", 1, "insufficient cpu", 2),
            "1/4 nodes fit: 2 insufficient cpu, 1 node selector mismatch"),
        Arguments.of(1, 0, Map.of("insufficient cpu", 1), "0/1 nodes fit: 1 insufficient cpu"),
        Arguments.of(3, 3, Map.of(), "3/3 nodes fit"));
  }

  @ParameterizedTest(name = "[{index}] {3}")
  @MethodSource("messages")
  void messageSortsReasonsByCountThenName(
      int nodes, int fitting, Map<String, Integer> rejections, String expected) {
    FitReport report = new FitReport(nodes, fitting, rejections);
    assertThat(report.message()).isEqualTo(expected);
    assertThat(report).hasToString(expected);
    assertThat(report.fits()).isEqualTo(fitting > 0);
  }

  @Test
  void rejectionsKeepTheMessageOrder() {
    FitReport report = new FitReport(5, 0, Map.of("not ready", 2, "insufficient memory", 3));
    assertThat(report.rejections().keySet()).containsExactly("insufficient memory", "not ready");
  }

  @Test
  void countsMustAddUpToTheNodes() {
    assertThatThrownBy(() -> new FitReport(5, 0, Map.of("not ready", 2)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("rejections: fitting (0) and rejected (2) nodes must add up to nodeCount (5)");
  }

  @Test
  void refusesZeroCountsAndBlankReasons() {
    assertThatThrownBy(() -> new FitReport(1, 1, Map.of("cordoned", 0)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("rejections.cordoned: must be > 0, got 0");
    Map<String, Integer> blank = new HashMap<>();
    blank.put(" ", 1);
    assertThatThrownBy(() -> new FitReport(1, 0, blank))
        .isInstanceOf(ValidationException.class)
        .hasMessage("rejections key: must not be blank");
    assertThatThrownBy(() -> new FitReport(1, 2, Map.of()))
        .isInstanceOf(ValidationException.class)
        .hasMessage("fitCount: must be <= 1, got 2");
  }
}
