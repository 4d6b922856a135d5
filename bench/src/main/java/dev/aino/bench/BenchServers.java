package dev.aino.bench;

import dev.aino.server.AinoServer;
import dev.aino.server.cli.UpCommand;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine;

/**
 * The server the surface benchmarks measure: {@code aino up} on a memory store with a simulated
 * node, on a free port, with a token, configured by the same options a user passes, so that what is
 * measured is what runs.
 */
public final class BenchServers {
  private BenchServers() {}

  /** Starts {@code aino up --store memory --runtime simulated} with {@code token}. */
  public static AinoServer simulated(Path dataDir, String token) {
    UpCommand up = new UpCommand(Map.of("AINO_TOKEN", token));
    new CommandLine(up)
        .parseArgs(
            "--store",
            "memory",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--node-name",
            "bench-server",
            "--runtime",
            "simulated",
            // Every MCP tool, list_endpoints (toolset network) included.
            "--mcp-toolsets",
            "all");
    return AinoServer.start(up.settings(), Instant.now());
  }
}
