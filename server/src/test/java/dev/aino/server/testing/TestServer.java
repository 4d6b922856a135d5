package dev.aino.server.testing;

import dev.aino.server.AinoServer;
import dev.aino.server.cli.UpCommand;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Starts a real {@link AinoServer} in process as {@code aino up} would: in-memory store, a free
 * loopback port, the simulated runtime on one node named {@value #NODE}.
 */
public final class TestServer {
  /** The name of the server's one node. */
  public static final String NODE = "test-node";

  private TestServer() {}

  /**
   * {@code aino up --store memory --port 0 --data-dir DIR --node-name test-node --runtime
   * simulated} plus {@code extra}, with {@code env} as the environment. An option in {@code extra}
   * overrides the default one (e.g. {@code --store etcd}, another {@code --node-name}).
   */
  public static AinoServer start(Path dataDir, Map<String, String> env, String... extra) {
    return start(dataDir, NODE, env, extra);
  }

  /** As {@link #start(Path, Map, String...)}, with a node named {@code nodeName}. */
  public static AinoServer start(
      Path dataDir, String nodeName, Map<String, String> env, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--store",
                "memory",
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--node-name",
                nodeName,
                "--runtime",
                "simulated"));
    args.addAll(List.of(extra));
    UpCommand command = new UpCommand(env);
    new CommandLine(command)
        .setOverwrittenOptionsAllowed(true)
        .parseArgs(args.toArray(String[]::new));
    return AinoServer.start(command.settings(), Instant.now());
  }
}
