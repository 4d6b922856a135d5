package dev.aino.bench.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.bench.LatencyRecorder;
import dev.aino.bench.Throughput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class McpReportTest {
  /** A surface that only has a name: the report reads nothing else of it. */
  private static Surface named(String name, boolean viaServer) {
    return new Surface() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean viaServer() {
        return viaServer;
      }

      @Override
      public Session open() {
        throw new UnsupportedOperationException("the report opens no session");
      }
    };
  }

  /** Calls that each take {@code millis}, at the given CPU and server CPU per call in ms. */
  private static Throughput figures(long millis, double cpuMillis, double serverMillis) {
    LatencyRecorder latencies = new LatencyRecorder();
    for (int i = 0; i < 100; i++) {
      latencies.record(millis * 1_000_000L);
    }
    return new Throughput(100, 1_000.0 / millis, latencies, cpuMillis * 1e6, serverMillis * 1e6);
  }

  private static List<String> rows(List<Surface> surfaces, List<Throughput> figures) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    McpReport report = new McpReport(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Operation operation =
        new Operation(
            "list_instances", "list_instances", Map.of(), List.of("/api/v1/instances"), s -> s);
    report.latencies(operation, 8, surfaces, figures);
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void everyRowButRestsShowsItsFiguresOverRests() {
    List<String> rows =
        rows(
            List.of(named("REST", true), named("MCP", true), named("facade", false)),
            List.of(figures(4, 2.0, 1.0), figures(5, 3.0, 1.5), figures(2, 1.0, Double.NaN)));

    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).startsWith("  list_instances").contains("REST").doesNotContain("x,");
    // p50 5/4, p99 5/4, CPU 3/2, server CPU 1.5/1.
    assertThat(rows.get(1)).contains("MCP").endsWith("1.25x, 1.25x, 1.50x, 1.50x");
    // In-process: no server share of its own to divide.
    assertThat(rows.get(2)).contains("facade").endsWith("0.50x, 0.50x, 0.50x, -");
  }

  @Test
  void withoutRestsServerShareNoServerRatioIsShown() {
    List<String> rows =
        rows(
            List.of(named("REST", true), named("MCP", true)),
            List.of(figures(4, 2.0, Double.NaN), figures(4, 2.0, 1.0)));

    assertThat(rows.get(1)).endsWith("1.00x, 1.00x, 1.00x, -");
  }
}
