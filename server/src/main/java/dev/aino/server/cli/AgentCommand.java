package dev.aino.server.cli;

import dev.aino.error.ValidationException;
import dev.aino.server.DataDirectory;
import dev.aino.server.GossipSettings;
import dev.aino.server.NodeSettings;
import dev.aino.server.http.BearerToken;
import dev.aino.server.http.HttpSettings;
import dev.aino.server.join.JoinedAgent;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aino agent --join URL}: a host that joins a cluster as a node, without the store. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run only a node agent that joins a cluster's servers over HTTP: no store, no etcd"
          + " credentials.",
      "",
      "Registers the node, heartbeats, runs the instances the control plane places on it and"
          + " reports their status, through any --join server that answers. Serves its"
          + " instances' logs and usage on --port for the servers. Containers keep running while"
          + " no server answers; the agent catches up when one does. Ctrl-C or SIGTERM stops the"
          + " agent and leaves its containers running, for the next start to adopt.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aino agent --join http://10.0.0.1:7070 --join http://10.0.0.2:7070 --token $T"
          + " --bind 0.0.0.0 --advertise-address 10.0.0.9:7071",
      "      a node of a two-server cluster; the servers read its logs at 10.0.0.9:7071"
    })
public final class AgentCommand implements Callable<Integer> {
  private final Map<String, String> env;

  @Option(
      names = "--join",
      paramLabel = "URL",
      required = true,
      description =
          "A server of the cluster, e.g. http://10.0.0.1:7070 (repeatable): the agent talks to"
              + " the first that answers and moves to the next when it stops answering.")
  private List<String> join;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Bearer token sent to the servers: the cluster's admin token, or an agent token named"
              + " as the node ('aino token create NODE --role agent'). Default: $AINO_TOKEN.")
  private String token;

  @Option(
      names = "--server-token",
      paramLabel = "TOKEN",
      description =
          "The token the servers send when they read this node's logs and usage (their --token),"
              + " which --port requires. Default: $AINO_SERVER_TOKEN, else --token.")
  private String serverToken;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the agent keeps its containers. Default: $AINO_DATA_DIR, else"
              + " $XDG_DATA_HOME/aino, else ~/.local/share/aino.")
  private Path dataDir;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = HttpSettings.DEFAULT_BIND,
      description = "Address the agent serves its logs and usage on. Default: 127.0.0.1.")
  private String bind;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "7071",
      description = "TCP port for the logs and usage; 0 picks a free one. Default: 7071.")
  private int port;

  @Option(
      names = "--advertise-address",
      paramLabel = "HOST:PORT",
      description =
          "Where the servers reach --port, recorded on the node. Default: 127.0.0.1:<port>.")
  private String advertiseAddress;

  @Option(
      names = "--gossip-port",
      paramLabel = "PORT",
      description =
          "Join the servers' SWIM gossip group on this TCP port (with --gossip-seed), so that"
              + " this node is DOWN within seconds of the agent's crash. Gossip is signed with the"
              + " servers' token (--server-token).")
  private Integer gossipPort;

  @Option(
      names = "--gossip-seed",
      paramLabel = "HOST:PORT",
      description = "A server's gossip port to join through (repeatable).")
  private List<String> gossipSeeds;

  @Mixin private LocalNodeOptions localNode;

  public AgentCommand(Map<String, String> env) {
    this.env = env;
  }

  /**
   * The settings the options describe.
   *
   * @throws ValidationException naming the option at fault
   */
  JoinedAgent.Settings settings() {
    List<URI> servers = new ArrayList<>();
    for (String url : join) {
      servers.add(serverUrl(url));
    }
    String sent = token != null ? token : env.get("AINO_TOKEN");
    if (sent != null && sent.isBlank()) {
      throw new ValidationException("--token", "must not be empty");
    }
    String required = serverToken != null ? serverToken : env.get("AINO_SERVER_TOKEN");
    if (required == null || required.isEmpty()) {
      required = sent;
    }
    Optional<BearerToken> portToken =
        required == null
            ? Optional.empty()
            : Optional.of(BearerToken.of(required, "--server-token"));
    NodeSettings node = localNode.settings().withAdvertiseAddress(advertiseAddress);
    Path dir =
        dataDir != null ? dataDir : DataDirectory.defaultPath(env, System.getProperty("user.home"));
    GossipSettings gossip = null;
    if (gossipPort != null || gossipSeeds != null) {
      if (gossipPort == null || gossipSeeds == null) {
        throw new ValidationException(
            gossipPort == null ? "--gossip-port" : "--gossip-seed",
            "is required with "
                + (gossipPort == null ? "--gossip-seed" : "--gossip-port")
                + ": an agent joins the servers' group on a port of its own through a seed");
      }
      gossip = new GossipSettings(gossipPort, gossipSeeds, null);
    }
    return new JoinedAgent.Settings(
        servers, sent, node, dir, new HttpSettings(bind, port, portToken), gossip);
  }

  /** An http(s) URL with a host and nothing after the port. */
  static URI serverUrl(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new ValidationException("--join", "is not a URL: \"" + text + "\"");
    }
    boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    boolean bare = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/");
    if (!web || uri.getHost() == null || !bare || uri.getQuery() != null) {
      throw new ValidationException(
          "--join",
          "must be a server's base URL such as http://10.0.0.1:7070, got \"" + text + "\"");
    }
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
  }

  @Override
  public Integer call() throws InterruptedException {
    JoinedAgent agent = JoinedAgent.start(settings());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndExit(agent), "aino-shutdown"));
    agent.awaitClosed();
    return 0;
  }

  /** On SIGTERM or SIGINT: a clean stop exits 0 (1 if closing failed). */
  private static void stopAndExit(JoinedAgent agent) {
    int code = 0;
    try {
      agent.close();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(AgentCommand.class).error("aino agent did not stop cleanly", e);
      code = 1;
    }
    Runtime.getRuntime().halt(code);
  }
}
