package dev.aino.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTest {
  private static Throughput part(long operations, double perSecond, double cpu, double server) {
    LatencyRecorder latencies = new LatencyRecorder();
    for (long i = 1; i <= operations; i++) {
      latencies.record(i * 1_000_000L);
    }
    return new Throughput(operations, perSecond, latencies, cpu, server);
  }

  @Test
  void windowsCombineTheirCallsAndWeighCpuByOperations() {
    Throughput combined =
        Throughput.combined(List.of(part(100, 100, 2_000, 1_000), part(300, 300, 4_000, 3_000)));

    assertThat(combined.operations()).isEqualTo(400);
    assertThat(combined.latencies().count()).isEqualTo(400);
    assertThat(combined.perSecond()).isCloseTo(200, within(1e-9));
    assertThat(combined.cpuNanosPerOperation()).isCloseTo(3_500, within(1e-9));
    assertThat(combined.serverCpuNanosPerOperation()).isCloseTo(2_500, within(1e-9));
    // 100 calls of 1..100 ms and 300 of 1..300 ms: 200 of the 400 take at most 100 ms.
    assertThat(combined.latencies().percentileNanos(50)).isEqualTo(100_000_000L);
    assertThat(combined.latencies().percentileNanos(100)).isEqualTo(300_000_000L);
  }

  @Test
  void withoutServerThreadsTheServerShareStaysUnknown() {
    Throughput combined =
        Throughput.combined(
            List.of(part(10, 10, 1_000, Double.NaN), part(10, 10, 3_000, Double.NaN)));
    assertThat(combined.cpuNanosPerOperation()).isCloseTo(2_000, within(1e-9));
    assertThat(combined.serverCpuNanosPerOperation()).isNaN();
  }

  @Test
  void nothingToCombineIsRefused() {
    assertThatThrownBy(() -> Throughput.combined(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no measurements to combine");
  }
}
