package dev.aino.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.WorkloadUsage;
import dev.aino.autoscale.ScaleRecommender.Recommendation;
import dev.aino.model.AutoscalePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaleRecommenderTest {
  private static WorkloadUsage usage(int cpuPercent, int memoryPercent) {
    return new WorkloadUsage(3, 0, 0, 0, cpuPercent, memoryPercent);
  }

  @ParameterizedTest(name = "{0} replicas at cpu {1}% of a {2}% target -> {3}")
  @CsvSource({
    // ceil(current × usage / target)
    "3, 92, 60, 5",
    "3, 90, 60, 5",
    "3, 80, 60, 4", // exactly 4 in integers, never rounded up to 5
    "4, 30, 60, 2",
    "4, 1, 60, 1",
    // within 10% of the target: no change
    "3, 66, 60, 3",
    "3, 54, 60, 3",
    "3, 67, 60, 4",
    "8, 50, 60, 7",
    // clamped to [1, 8]
    "6, 100, 50, 8",
    "2, 0, 60, 1",
  })
  void followsTheHpaRuleWithinTheBounds(int current, int cpu, int target, int expected) {
    AutoscalePolicy policy = AutoscalePolicy.cpu(1, 8, target);
    assertThat(ScaleRecommender.recommend(policy, current, usage(cpu, 0), 0.1).replicas())
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "cpu {0}%, memory {1}% -> {2} ({3})")
  @CsvSource(
      delimiter = '|',
      value = {
        "90 | 40 | 5 | cpu 90% of request > target 60%",
        "30 | 95 | 4 | memory 95% of request > target 80%",
        "30 | 40 | 2 | cpu 30% of request < target 60%",
        "61 | 81 | 3 | cpu 61% of request > target 60%",
      })
  void theLargerOfCpuAndMemoryWinsAndNamesItsResource(
      int cpu, int memory, int expected, String reason) {
    AutoscalePolicy policy = new AutoscalePolicy(1, 10, 60, 80);
    Recommendation rec = ScaleRecommender.recommend(policy, 3, usage(cpu, memory), 0.1);
    assertThat(rec.replicas()).isEqualTo(expected);
    assertThat(rec.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0}% -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "100 | 5 | cpu 100% of request > target 50% (bounded by maxReplicas 5)",
        "5 | 2 | cpu 5% of request < target 50% (bounded by minReplicas 2)",
      })
  void aBoundThatCutsTheRecommendationIsNamed(int cpu, int expected, String reason) {
    Recommendation rec =
        ScaleRecommender.recommend(AutoscalePolicy.cpu(2, 5, 50), 4, usage(cpu, 0), 0.1);
    assertThat(rec.replicas()).isEqualTo(expected);
    assertThat(rec.reason()).isEqualTo(reason);
  }

  @Test
  void unmeasuredInstancesCountAsIdleOnTheWayUpAndBusyOnTheWayDown() {
    AutoscalePolicy policy = AutoscalePolicy.cpu(1, 10, 60);
    // 3 of 5 measured at 90%: alone they say 8, but with the 2 new ones idle the average is 54%.
    Recommendation held =
        ScaleRecommender.recommend(policy, 5, new WorkloadUsage(3, 2, 0, 0, 90, 0), 0.1);
    assertThat(held.replicas()).isEqualTo(5);
    assertThat(held.reason()).endsWith("(2 instance(s) not measured yet, counted as idle)");
    // 4 of 5 measured at 100%: with the new one idle, 80% still says up, to ceil(5 × 80 / 60).
    assertThat(
            ScaleRecommender.recommend(policy, 5, new WorkloadUsage(4, 1, 0, 0, 100, 0), 0.1)
                .replicas())
        .isEqualTo(7);
    // 2 of 3 measured at 10%: alone they say 1, with the third busy (40%) only 2.
    Recommendation down =
        ScaleRecommender.recommend(policy, 3, new WorkloadUsage(2, 1, 0, 0, 10, 0), 0.1);
    assertThat(down.replicas()).isEqualTo(2);
    assertThat(down.reason())
        .isEqualTo(
            "cpu 40% of request < target 60% (1 instance(s) not measured yet, counted as fully"
                + " busy)");
  }
}
