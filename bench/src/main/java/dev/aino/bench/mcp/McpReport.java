package dev.aino.bench.mcp;

import dev.aino.bench.Throughput;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the response sizes, then one latency table row per operation, sessions and surface. */
final class McpReport {
  private static final String LATENCY_ROW = "  %-30s %8s  %-7s %9s %9s %9s %11s %11s  %s";

  private final PrintStream out;

  McpReport(PrintStream out) {
    this.out = out;
  }

  void sizes(List<ResponseSizes> sizes) {
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            "  %-30s %14s %12s %12s",
            "response size (bytes)",
            "MCP result",
            "MCP text",
            "REST body"));
    for (ResponseSizes s : sizes) {
      out.println(
          String.format(
              Locale.ROOT,
              "  %-30s %14d %12d %12d",
              s.operation().label(),
              s.resultBytes(),
              s.textBytes(),
              s.restBytes()));
    }
    out.flush();
  }

  void startLatencies() {
    out.println();
    out.println(
        String.format(
            Locale.ROOT,
            LATENCY_ROW,
            "tool call",
            "sessions",
            "via",
            "p50 ms",
            "p99 ms",
            "calls/s",
            "CPU ms/call",
            "server CPU",
            "over REST: p50, p99, CPU, server CPU"));
    out.flush();
  }

  /**
   * One row per surface; {@code figures} in the order of {@code surfaces}, whose first is REST:
   * every other row shows its figures over REST's.
   */
  void latencies(
      Operation operation, int sessions, List<Surface> surfaces, List<Throughput> figures) {
    Throughput rest = figures.get(0);
    for (int i = 0; i < surfaces.size(); i++) {
      Throughput t = figures.get(i);
      out.println(
          String.format(
                  Locale.ROOT,
                  LATENCY_ROW,
                  i == 0 ? operation.label() : "",
                  i == 0 ? Integer.toString(sessions) : "",
                  surfaces.get(i).name(),
                  millis(t.latencies().percentileNanos(50)),
                  millis(t.latencies().percentileNanos(99)),
                  String.format(Locale.ROOT, "%.0f", t.perSecond()),
                  millis(t.cpuNanosPerOperation()),
                  surfaces.get(i).viaServer() ? millis(t.serverCpuNanosPerOperation()) : "-",
                  i == 0 ? "" : ratios(t, rest, surfaces.get(i).viaServer()))
              .stripTrailing());
    }
    out.flush();
  }

  /**
   * This surface's median, 99th percentile, process CPU and server CPU per call over REST's (the
   * server's share only where this surface has one: not in-process).
   */
  private static String ratios(Throughput surface, Throughput rest, boolean viaServer) {
    double p50 =
        surface.latencies().percentileNanos(50) / (double) rest.latencies().percentileNanos(50);
    double p99 =
        surface.latencies().percentileNanos(99) / (double) rest.latencies().percentileNanos(99);
    double cpu = surface.cpuNanosPerOperation() / rest.cpuNanosPerOperation();
    double server = surface.serverCpuNanosPerOperation() / rest.serverCpuNanosPerOperation();
    boolean serverShare = viaServer && rest.serverCpuNanosPerOperation() > 0;
    return String.format(
        Locale.ROOT,
        "%.2fx, %.2fx, %.2fx, %s",
        p50,
        p99,
        cpu,
        serverShare ? String.format(Locale.ROOT, "%.2fx", server) : "-");
  }

  private static String millis(double nanos) {
    return String.format(Locale.ROOT, nanos < 10e6 ? "%.3f" : "%.1f", nanos / 1e6);
  }
}
