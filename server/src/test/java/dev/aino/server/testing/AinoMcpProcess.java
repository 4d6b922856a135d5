package dev.aino.server.testing;

import dev.aino.server.Main;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code aino mcp} as a child JVM ({@code java -cp <this test's classpath> dev.aino.server.Main mcp
 * <args>}), for the SDK's stdio client to start and talk to.
 */
public final class AinoMcpProcess {
  private AinoMcpProcess() {}

  /** How to start {@code aino mcp args} with {@code env} as its environment. */
  public static ServerParameters parameters(Map<String, String> env, String... args) {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "mcp"));
    command.addAll(List.of(args));
    return ServerParameters.builder(java).args(command).env(env).build();
  }

  /** A stdio transport that starts {@code aino mcp args}. */
  public static StdioClientTransport transport(Map<String, String> env, String... args) {
    return new StdioClientTransport(parameters(env, args), McpJsonDefaults.getMapper());
  }
}
