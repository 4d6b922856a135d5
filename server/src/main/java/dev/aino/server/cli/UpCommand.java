package dev.aino.server.cli;

import dev.aino.a2a.A2aSettings;
import dev.aino.a2a.PushSettings;
import dev.aino.autoscale.AutoscalerConfig;
import dev.aino.error.ValidationException;
import dev.aino.intent.LlmSettings;
import dev.aino.mcp.ConfirmationFallback;
import dev.aino.mcp.McpOptions;
import dev.aino.mcp.tools.Toolset;
import dev.aino.model.Durations;
import dev.aino.server.AinoServer;
import dev.aino.server.AinoVersion;
import dev.aino.server.DataDirectory;
import dev.aino.server.EtcdSettings;
import dev.aino.server.GossipSettings;
import dev.aino.server.NodeSettings;
import dev.aino.server.ServerSettings;
import dev.aino.server.StoreBackend;
import dev.aino.server.StoreSettings;
import dev.aino.server.http.BearerToken;
import dev.aino.server.http.HttpSettings;
import dev.aino.server.http.TokensFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aino up}: starts a server and runs until SIGTERM or Ctrl-C. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Start an aino server: the state store and HTTP on one port.",
      "",
      "Opens the store, then serves HTTP (health check at /healthz). Runs in the foreground;"
          + " Ctrl-C or SIGTERM stops it cleanly with exit code 0. Only 127.0.0.1 is served unless"
          + " --bind says otherwise, and any other address needs a token.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aino up",
      "      SQLite store in ~/.local/share/aino, http://127.0.0.1:7070, containers by youki,"
          + " runc or crun (as root)",
      "  aino up --runtime simulated",
      "      try aino without root: instances are simulated, no process runs",
      "  aino up --store memory --port 0",
      "      nothing kept on disk, a free port (the log line shows which)",
      "  AINO_TOKEN=$(openssl rand -hex 32) aino up --bind 0.0.0.0 --allowed-host aino.example:*",
      "      reachable from other hosts as aino.example; clients send 'Authorization: Bearer"
          + " <token>'",
      "  aino up --store etcd --etcd-endpoints http://10.0.0.5:2379",
      "      state in an etcd cluster"
    })
public final class UpCommand implements Callable<Integer> {

  private final Map<String, String> env;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where aino keeps its state. Default: $AINO_DATA_DIR, else $XDG_DATA_HOME/aino, else"
              + " ~/.local/share/aino.")
  private Path dataDir;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "" + HttpSettings.DEFAULT_PORT,
      description = "TCP port to serve HTTP on; 0 picks a free one. Default: 7070.")
  private int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = HttpSettings.DEFAULT_BIND,
      description =
          "Address to listen on. Default: 127.0.0.1. Any non-loopback address needs a token.")
  private String bind;

  @Option(
      names = "--store",
      paramLabel = "BACKEND",
      defaultValue = "sqlite",
      converter = StoreBackendConverter.class,
      description =
          "State store: sqlite (one file in the data dir; the default), memory (nothing survives"
              + " a restart) or etcd.")
  private StoreBackend store;

  @Option(
      names = "--etcd-endpoints",
      paramLabel = "URL",
      split = ",",
      description = {
        "etcd client URLs, comma separated.",
        "Default: " + EtcdSettings.DEFAULT_ENDPOINT + "."
      })
  private List<String> etcdEndpoints;

  @Option(names = "--etcd-user", paramLabel = "USER", description = "etcd user name.")
  private String etcdUser;

  @Option(
      names = "--etcd-password-file",
      paramLabel = "FILE",
      description = "File holding the etcd user's password.")
  private Path etcdPasswordFile;

  @Option(
      names = "--etcd-timeout",
      paramLabel = "DURATION",
      description =
          "The longest one call to etcd may take before it fails as unavailable (1s to 5m)."
              + " Default: 5s.")
  private String etcdTimeout;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Bearer token that every request except /healthz must carry. Default: $AINO_TOKEN"
              + " (preferred: a flag shows in ps).")
  private String token;

  @Option(
      names = "--read-token",
      paramLabel = "TOKEN",
      description =
          "Read-only bearer token: its caller lists and reads everything and changes nothing."
              + " Default: $AINO_READ_TOKEN.")
  private String readToken;

  @Option(
      names = "--tokens-file",
      paramLabel = "FILE",
      description =
          "Named callers, one 'name role sha256-of-token' per line (roles admin, operator,"
              + " viewer, agent; add one with 'aino token create'); read again when it changes.")
  private Path tokensFile;

  @Mixin private LocalNodeOptions localNode;

  @Option(
      names = "--advertise-address",
      paramLabel = "HOST:PORT",
      description =
          "Where the other servers of a multi-node cluster (sharing one etcd) reach this one's"
              + " HTTP port, e.g. to read the logs of its instances. Default: 127.0.0.1:<port>.")
  private String advertiseAddress;

  @Option(
      names = "--leader-lease",
      paramLabel = "DURATION",
      description =
          "With --store etcd: how long the leader among the servers keeps its lease without"
              + " renewing it; when it dies, another server takes over within about this time"
              + " (2s to 60s). Default: 5s.")
  private String leaderLease;

  @Option(
      names = "--gossip-port",
      paramLabel = "PORT",
      description =
          "With --store etcd and a token: join the servers' SWIM gossip group on this TCP port, so"
              + " a dead server's node is DOWN within seconds instead of after its heartbeat"
              + " expires. Default with --gossip-seed: the HTTP port + 1.")
  private Integer gossipPort;

  @Option(
      names = "--gossip-seed",
      paramLabel = "HOST:PORT",
      description =
          "Gossip port of another server to join the group through (repeatable). Turns gossip on.")
  private List<String> gossipSeeds = new ArrayList<>();

  @Option(
      names = "--node-lost-grace",
      paramLabel = "DURATION",
      description =
          "With gossip: how long a node the group calls dead stays DOWN, with no heartbeat, before"
              + " its instances are replaced elsewhere (10s, two heartbeat intervals, to 10m)."
              + " Default: 10s.")
  private String nodeLostGrace;

  @Option(
      names = "--autoscale-stabilization",
      paramLabel = "DURATION",
      description =
          "How long the autoscaler waits before it scales a workload down: it goes down only to the"
              + " highest count recommended during this window, so a dip in load does not make"
              + " replicas come and go (e.g. 30s, 2m, 0s). Scaling up is immediate. Default: 5m.")
  private String autoscaleStabilization;

  @Option(
      names = "--a2a-task-retention",
      paramLabel = "DURATION",
      description =
          "How long the A2A agent keeps a finished task readable (GetTask, ListTasks) in the state"
              + " store, e.g. 1h, 7d; from 1m to 30d. Default: 24h.")
  private String a2aTaskRetention;

  @Option(
      names = PushSettings.OPTION,
      paramLabel = "HOST[:PORT]",
      description =
          "A host the A2A agent may send push notifications to (repeatable), with the one port it"
              + " may use or any. A push URL naming another host is refused. Default: none, and"
              + " then the agent takes no push configs.")
  private List<String> a2aPushAllowedHosts = new ArrayList<>();

  @Option(names = "--mcp-read-only", description = "Serve only MCP tools that change nothing.")
  private boolean mcpReadOnly;

  @Option(
      names = "--mcp-disable-destructive",
      description = "Hide MCP tools that stop or remove things (delete, drain, restart).")
  private boolean mcpDisableDestructive;

  @Option(
      names = "--mcp-confirm-fallback",
      paramLabel = "MODE",
      defaultValue = "flag",
      description =
          "What MCP delete/drain calls need when the client cannot ask its user: flag (the call"
              + " must carry confirm=true; default), deny (only a person confirms, through"
              + " elicitation) or allow (unattended automation).")
  private String mcpConfirmFallback;

  @Option(
      names = {"--allowed-host", "--mcp-allowed-host"},
      paramLabel = "HOST",
      description =
          "A Host header value served besides loopback names, e.g. aino.example.com:* (any port)"
              + " or 10.0.0.5:7070 (repeatable); requests naming another host are refused (421)"
              + " as DNS rebinding. --advertise-address is allowed without it.")
  private List<String> allowedHosts;

  @Option(
      names = "--allowed-origin",
      paramLabel = "ORIGIN",
      description =
          "An Origin header value served besides loopback, e.g. https://console.example.com"
              + " (repeatable); requests from pages of other origins are refused (403).")
  private List<String> allowedOrigins;

  @Option(
      names = "--mcp-max-sessions",
      paramLabel = "N",
      defaultValue = "" + McpOptions.DEFAULT_MAX_SESSIONS_PER_TOKEN,
      description =
          "How many MCP sessions one token (or, without a token, all clients) may hold at once."
              + " Default: 64.")
  private int mcpMaxSessions;

  @Option(
      names = "--mcp-session-idle-timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      description =
          "An MCP session without requests and open streams for this long ends, e.g. 90s, 30m,"
              + " 2h. Default: 30m.")
  private String mcpSessionIdleTimeout;

  @Option(
      names = "--mcp-toolsets",
      paramLabel = "SETS",
      split = ",",
      defaultValue = Toolset.DEFAULT,
      description =
          "Which MCP tools to list, comma-separated: core (workloads, instances, diagnose), nodes,"
              + " logs, intents, network (list_endpoints), or all. Default: all but network."
              + " Fewer tools leave more of a model's context.")
  private List<String> mcpToolsets;

  @Option(
      names = "--llm-provider",
      paramLabel = "PROVIDER",
      description =
          "Read intents with an LLM: openai (any OpenAI-compatible API: Ollama, vLLM, ...) or"
              + " anthropic. Default: offline only. The key comes from AINO_LLM_API_KEY or"
              + " --llm-api-key-file.")
  private String llmProvider;

  @Option(
      names = "--llm-model",
      paramLabel = "MODEL",
      description = "The model, e.g. gpt-4o-mini, claude-sonnet-4-5 or llama3.1.")
  private String llmModel;

  @Option(
      names = "--llm-base-url",
      paramLabel = "URL",
      description = "The API's base URL, e.g. http://127.0.0.1:11434/v1 for Ollama.")
  private String llmBaseUrl;

  @Option(
      names = "--llm-api-key-file",
      paramLabel = "FILE",
      description = "A file holding the API key (instead of AINO_LLM_API_KEY).")
  private Path llmApiKeyFile;

  /** Reads {@code AINO_TOKEN}, {@code AINO_DATA_DIR} and {@code XDG_DATA_HOME} from {@code env}. */
  public UpCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * The settings the parsed options and the environment describe.
   *
   * @throws ValidationException naming the flag at fault
   */
  public ServerSettings settings() {
    List<String> hosts = new ArrayList<>(allowedHosts == null ? List.of() : allowedHosts);
    if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
      // A client that names the address aino listens on is no rebinding page.
      hosts.add(bind.contains(":") ? "[" + bind + "]:*" : bind + ":*");
    }
    if (advertiseAddress != null && !advertiseAddress.isBlank()) {
      // Other servers of the cluster call this one by that name (for logs).
      hosts.add(advertiseAddress.strip());
    }
    List<String> origins = allowedOrigins == null ? List.of() : allowedOrigins;
    HttpSettings http =
        new HttpSettings(
            bind,
            port,
            bearerToken("--token", token, "AINO_TOKEN"),
            hosts,
            origins,
            bearerToken("--read-token", readToken, "AINO_READ_TOKEN"),
            Optional.ofNullable(tokensFile).map(TokensFile::load));

    boolean etcdOptions =
        etcdEndpoints != null
            || etcdUser != null
            || etcdPasswordFile != null
            || etcdTimeout != null;
    if (etcdOptions && store != StoreBackend.ETCD) {
      throw new ValidationException("--store", "the --etcd-* options need --store etcd");
    }
    EtcdSettings etcd =
        store == StoreBackend.ETCD
            ? new EtcdSettings(
                etcdEndpoints,
                etcdUser,
                etcdPasswordFile,
                etcdTimeout == null
                    ? null
                    : Durations.parse(
                        "--etcd-timeout",
                        etcdTimeout,
                        Duration.ofSeconds(1),
                        Duration.ofMinutes(5)))
            : null;
    Path dir =
        dataDir != null ? dataDir : DataDirectory.defaultPath(env, System.getProperty("user.home"));
    NodeSettings node = localNode.settings().withAdvertiseAddress(advertiseAddress);
    McpOptions mcp =
        new McpOptions(
            mcpReadOnly,
            mcpDisableDestructive,
            hosts,
            origins,
            ConfirmationFallback.parse("--mcp-confirm-fallback", mcpConfirmFallback),
            mcpMaxSessions,
            Durations.parse(
                "--mcp-session-idle-timeout",
                mcpSessionIdleTimeout,
                Duration.ofSeconds(1),
                Duration.ofDays(7)),
            Toolset.parse("--mcp-toolsets", mcpToolsets));
    AutoscalerConfig autoscaler = AutoscalerConfig.DEFAULTS;
    if (autoscaleStabilization != null) {
      autoscaler =
          autoscaler.withStabilization(
              Durations.parse(
                  "--autoscale-stabilization",
                  autoscaleStabilization,
                  Duration.ZERO,
                  Duration.ofHours(24)));
    }
    if (leaderLease != null && store != StoreBackend.ETCD) {
      throw new ValidationException(
          "--leader-lease", "needs --store etcd: a single server has no leader to elect");
    }
    Duration lease =
        leaderLease == null
            ? null
            : Durations.parse(
                "--leader-lease", leaderLease, Duration.ofSeconds(2), Duration.ofSeconds(60));
    A2aSettings a2a = A2aSettings.defaults(AinoVersion.current());
    if (a2aTaskRetention != null) {
      a2a =
          a2a.withRetention(
              Durations.parse(
                  "--a2a-task-retention",
                  a2aTaskRetention,
                  Duration.ofMinutes(1),
                  Duration.ofDays(30)));
    }
    a2a = a2a.withPush(PushSettings.allowing(a2aPushAllowedHosts));
    return new ServerSettings(
        http,
        new StoreSettings(store, dir, etcd),
        node,
        mcp,
        autoscaler,
        llm(),
        lease,
        a2a,
        gossip(http));
  }

  /** The gossip group the --gossip-* options describe, or null when none is asked for. */
  private GossipSettings gossip(HttpSettings http) {
    if (gossipPort == null && gossipSeeds.isEmpty()) {
      if (nodeLostGrace != null) {
        throw new ValidationException(
            "--node-lost-grace", "needs gossip: --gossip-port or --gossip-seed");
      }
      return null;
    }
    String flag = gossipPort != null ? "--gossip-port" : "--gossip-seed";
    if (store != StoreBackend.ETCD) {
      throw new ValidationException(
          flag, "needs --store etcd: gossip runs among the servers of one etcd cluster");
    }
    if (http.token().isEmpty()) {
      throw new ValidationException(
          flag,
          "needs a token (--token or AINO_TOKEN): gossip is signed with a key derived from it");
    }
    int gossip = gossipPort != null ? gossipPort : port + 1;
    if (gossipPort == null && (port == 0 || port == 65535)) {
      throw new ValidationException(
          "--gossip-port",
          "is required when --port is " + port + " (no HTTP port + 1 to default to)");
    }
    Duration grace =
        nodeLostGrace == null
            ? null
            : Durations.parse(
                "--node-lost-grace",
                nodeLostGrace,
                // Shorter than two heartbeat intervals, a live node could miss one heartbeat in
                // the grace and have its instances replaced on a gossip false positive.
                Duration.ofSeconds(10),
                Duration.ofMinutes(10));
    return new GossipSettings(gossip, gossipSeeds, grace);
  }

  /** The LLM the --llm-* options describe, or null when none is asked for. */
  private LlmSettings llm() {
    if (llmProvider == null) {
      if (llmModel != null || llmBaseUrl != null || llmApiKeyFile != null) {
        throw new ValidationException(
            "--llm-provider", "is required with the other --llm-* options: openai or anthropic");
      }
      return null;
    }
    LlmSettings.Provider provider;
    try {
      provider = LlmSettings.Provider.valueOf(llmProvider.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          "--llm-provider", "must be openai or anthropic, got \"" + llmProvider + "\"");
    }
    String key = env.get("AINO_LLM_API_KEY");
    if (llmApiKeyFile != null) {
      try {
        key = Files.readString(llmApiKeyFile).strip();
      } catch (IOException e) {
        throw new ValidationException(
            "--llm-api-key-file", "cannot be read: " + llmApiKeyFile + " (" + e.getMessage() + ")");
      }
    }
    if ((key == null || key.isBlank()) && llmBaseUrl == null) {
      throw new ValidationException(
          "--llm-provider",
          provider.name().toLowerCase(Locale.ROOT)
              + "'s API needs a key: set AINO_LLM_API_KEY or --llm-api-key-file");
    }
    return new LlmSettings(provider, llmModel, llmBaseUrl, key, null);
  }

  /**
   * {@code flag}'s value, else the variable {@code variable}; an empty flag is refused, an empty
   * variable unset.
   */
  private Optional<BearerToken> bearerToken(String flag, String value, String variable) {
    if (value != null) {
      return Optional.of(BearerToken.of(value, flag));
    }
    String fromEnv = env.get(variable);
    return fromEnv == null || fromEnv.isEmpty()
        ? Optional.empty()
        : Optional.of(BearerToken.of(fromEnv, flag));
  }

  @Override
  public Integer call() throws InterruptedException {
    // When the JVM began, not the process: scripts/up builds the jar first and then execs java in
    // the same process, so the process's start would count the build as start-up.
    Instant launchedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    AinoServer server = AinoServer.start(settings(), launchedAt);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndExit(server), "aino-shutdown"));
    server.awaitClosed();
    return 0;
  }

  /**
   * Runs on SIGTERM or SIGINT. The JVM would report such a stop as exit code 128 + signal; a stop
   * that was asked for and went cleanly is a success, so exit 0 (1 if closing failed).
   */
  private static void stopAndExit(AinoServer server) {
    int code = 0;
    try {
      server.close();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(UpCommand.class).error("aino did not stop cleanly", e);
      code = 1;
    }
    Runtime.getRuntime().halt(code);
  }
}
