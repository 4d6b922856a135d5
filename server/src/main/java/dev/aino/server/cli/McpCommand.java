package dev.aino.server.cli;

import dev.aino.api.ChangeFeed;
import dev.aino.error.ValidationException;
import dev.aino.intent.IntentEngine;
import dev.aino.mcp.AinoMcpServer;
import dev.aino.mcp.ConfirmationFallback;
import dev.aino.mcp.McpOptions;
import dev.aino.mcp.StdioHttpRelay;
import dev.aino.mcp.tools.Toolset;
import dev.aino.server.ControlPlane;
import dev.aino.server.DataDirectory;
import dev.aino.server.NodeSettings;
import dev.aino.server.StoreBackend;
import dev.aino.server.StoreFactory;
import dev.aino.server.StoreSettings;
import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aino mcp}: MCP over stdio for desktop clients. {@code --embedded} runs aino in this
 * process (store and control plane, no HTTP). Logs go to stderr: stdout carries the protocol.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serve MCP over stdin/stdout, for clients such as Claude Desktop.",
      "",
      "--server relays to a running 'aino up'; --embedded runs aino in this process with its state in --data-dir. Destructive tools"
          + " (delete_workload, drain_node) ask the user through elicitation when the client"
          + " supports it; otherwise they need \"confirm\": true in their input.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  AINO_TOKEN=... aino mcp --server http://127.0.0.1:7070",
      "  aino mcp --embedded --data-dir ~/.local/share/aino"
    })
public final class McpCommand implements Callable<Integer> {
  private final Map<String, String> env;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "Relay to a running aino, e.g. http://127.0.0.1:7070 (token from $AINO_TOKEN).")
  private URI server;

  @Option(
      names = "--embedded",
      description = "Run aino in this process (SQLite store in --data-dir, simulated runtime).")
  private boolean embedded;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the embedded aino keeps its state. Default: as for 'aino up'.")
  private Path dataDir;

  @Option(
      names = "--store",
      paramLabel = "BACKEND",
      defaultValue = "sqlite",
      converter = StoreBackendConverter.class,
      description = "State store of the embedded aino: sqlite (default) or memory.")
  private StoreBackend store;

  @Mixin private LocalNodeOptions localNode;

  @Option(
      names = {"--read-only", "--mcp-read-only"},
      description = "Serve only tools that change nothing.")
  private boolean readOnly;

  @Option(
      names = {"--disable-destructive", "--mcp-disable-destructive"},
      description = "Hide tools that stop or remove things.")
  private boolean disableDestructive;

  @Option(
      names = {"--confirm-fallback", "--mcp-confirm-fallback"},
      paramLabel = "MODE",
      defaultValue = "flag",
      description =
          "What delete/drain need when the client cannot ask its user: flag (the call must carry"
              + " confirm=true; default), deny (only a person confirms, through elicitation) or"
              + " allow (unattended automation).")
  private String confirmFallback;

  @Option(
      names = {"--toolsets", "--mcp-toolsets"},
      paramLabel = "SETS",
      split = ",",
      defaultValue = Toolset.DEFAULT,
      description =
          "Which tools to list, comma-separated: core (workloads, instances, diagnose), nodes,"
              + " logs, intents, network (list_endpoints), or all. Default: all but network. With"
              + " --server the relay lists only these.")
  private List<String> toolsets;

  /** Reads {@code AINO_DATA_DIR} and {@code XDG_DATA_HOME} from {@code env}. */
  public McpCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public Integer call() throws InterruptedException, IOException {
    if (embedded == (server != null)) {
      throw new ValidationException(
          "--server", "name exactly one of --server URL (relay) and --embedded (in-process)");
    }
    Set<Toolset> listed = Toolset.parse("--toolsets", toolsets);
    if (server != null) {
      new StdioHttpRelay(server.resolve(AinoMcpServer.PATH), env.get("AINO_TOKEN"), listed)
          .run(System.in, System.out);
      return 0;
    }
    return runEmbedded(listed);
  }

  private int runEmbedded(Set<Toolset> listed) throws InterruptedException {
    Path dir =
        dataDir != null ? dataDir : DataDirectory.defaultPath(env, System.getProperty("user.home"));
    StoreSettings storeSettings = new StoreSettings(store, dir, null);
    NodeSettings node = localNode.settings();
    DataDirectory.prepare(dir);
    StateStore state = StoreFactory.open(storeSettings, StoreOptions.defaults());
    ControlPlane controlPlane;
    try {
      controlPlane = ControlPlane.start(state, node, dir);
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
    CountDownLatch stdinClosed = new CountDownLatch(1);
    AinoMcpServer mcp =
        AinoMcpServer.stdio(
            controlPlane.service(),
            new IntentEngine(controlPlane.service()),
            ChangeFeed.of(state),
            new McpOptions(
                    readOnly,
                    disableDestructive,
                    List.of(),
                    List.of(),
                    ConfirmationFallback.parse("--confirm-fallback", confirmFallback))
                .withToolsets(listed),
            new EndSignallingInputStream(System.in, stdinClosed::countDown),
            System.out);
    Thread shutdownHook = new Thread(() -> stop(mcp, controlPlane, state), "aino-mcp-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    // The client closing stdin ends the session; SIGTERM runs the hook instead.
    stdinClosed.await();
    Runtime.getRuntime().removeShutdownHook(shutdownHook);
    stop(mcp, controlPlane, state);
    return 0;
  }

  private static void stop(AinoMcpServer mcp, ControlPlane controlPlane, StateStore state) {
    try {
      mcp.close();
      controlPlane.close();
    } finally {
      state.close();
    }
  }
}
