package dev.aino.server.join;

import dev.aino.agent.AgentConfig;
import dev.aino.agent.NodeAgent;
import dev.aino.error.AinoException;
import dev.aino.error.UnavailableException;
import dev.aino.error.ValidationException;
import dev.aino.metrics.Metrics;
import dev.aino.retry.Backoff;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.server.ControlPlane;
import dev.aino.server.DataDirectory;
import dev.aino.server.FailedStart;
import dev.aino.server.GossipSettings;
import dev.aino.server.NodeSettings;
import dev.aino.server.gossip.SwimMembership;
import dev.aino.server.http.HttpServer;
import dev.aino.server.http.HttpSettings;
import dev.aino.server.rest.AgentEndpoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aino agent --join}: the node agent of one host, talking to the cluster's servers only
 * through the HTTP node API ({@link HttpNodeApi}), and serving its instances' logs and usage on a
 * port of its own ({@link AgentEndpoints}), registered as the node's address so that any server
 * reads them as it reads another server's.
 *
 * <p>It waits for a server to answer before it starts (retrying with {@link Backoff}), so an agent
 * started before its servers, or while they restart, simply waits; its containers of an earlier run
 * are adopted once it starts. Once started, no server answering only delays its reports: containers
 * keep running, and the agent catches up from the revision it last saw when a server answers.
 */
public final class JoinedAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JoinedAgent.class);
  private static final Backoff RETRY = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));

  /**
   * What an agent joins with.
   *
   * @param servers the servers' base URLs, tried in order
   * @param token the bearer token sent to the servers (an admin's, or an agent token named as the
   *     node)
   * @param node the node: name, labels, runtime, capacity; its advertise address, if set, is where
   *     the servers reach {@code http}
   * @param dataDir where the runtime keeps its containers
   * @param http where the agent serves its logs and usage, and the token it requires there (the
   *     servers' own token, which they send)
   * @param gossip the servers' SWIM group to join, or null; signed with {@code http}'s token
   */
  public record Settings(
      List<URI> servers,
      String token,
      NodeSettings node,
      Path dataDir,
      HttpSettings http,
      GossipSettings gossip) {
    public Settings {
      servers = List.copyOf(servers);
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(http, "http");
      if (gossip != null && http.token().isEmpty()) {
        throw new ValidationException(
            "--gossip-port",
            "needs the servers' token (--server-token or --token): gossip is signed with a key"
                + " derived from it");
      }
    }
  }

  private final HttpNodeApi api;
  private final ContainerRuntime runtime;
  private final NodeAgent agent;
  private final HttpServer http;
  private final SwimMembership gossip;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);

  private JoinedAgent(
      HttpNodeApi api,
      ContainerRuntime runtime,
      NodeAgent agent,
      HttpServer http,
      SwimMembership gossip) {
    this.gossip = gossip;
    this.api = api;
    this.runtime = runtime;
    this.agent = agent;
    this.http = http;
  }

  /**
   * Starts the runtime and the agent's port, then the agent once a server answers.
   *
   * @throws AinoException when the runtime or the port cannot start, or a server refuses the agent
   *     (a wrong token, another node's token): waiting would not help
   */
  public static JoinedAgent start(Settings settings) {
    DataDirectory.prepare(settings.dataDir());
    NodeSettings node = settings.node();
    HttpNodeApi api = new HttpNodeApi(node.name(), settings.servers(), settings.token(), RETRY);
    ContainerRuntime runtime = ControlPlane.runtimeFor(node, settings.dataDir(), Metrics.NONE);
    NodeAgent agent = null;
    HttpServer http = null;
    SwimMembership gossip = null;
    try {
      AgentConfig config =
          AgentConfig.builder(node.capacity())
              .labels(node.labels())
              .parallelStarts(node.parallelStarts())
              .build();
      agent = new NodeAgent(api, runtime, config, Clock.systemUTC(), null, Metrics.NONE);
      http =
          HttpServer.start(
              settings.http(),
              List.of(new AgentEndpoints(api, agent.logSource(), agent.usageSource())));
      NodeAgent started = agent;
      String address = node.advertiseAddress(http.port());
      untilAnswered(api, started::start);
      untilAnswered(api, () -> started.advertise(address));
      if (settings.gossip() != null) {
        // In the servers' group, a crashed agent's node is DOWN within seconds, as a server's is.
        gossip =
            SwimMembership.join(
                node.name(),
                hostOf(address),
                settings.gossip().port(),
                settings.gossip().seeds(),
                settings.http().token().orElseThrow().text(),
                Clock.systemUTC());
      }
    } catch (RuntimeException e) {
      throw FailedStart.release(e, gossip, agent, http, runtime);
    }
    LOG.info(
        "aino agent {} joined through {}; logs and usage served on {}",
        node.name(),
        api.currentServer(),
        http.baseUri());
    return new JoinedAgent(api, runtime, agent, http, gossip);
  }

  private static String hostOf(String address) {
    String host = address.substring(0, address.lastIndexOf(':'));
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  /** Runs {@code call}, again while no server answers; any other refusal ends the wait. */
  private static void untilAnswered(HttpNodeApi api, Runnable call) {
    for (int attempt = 1; ; attempt++) {
      try {
        call.run();
        return;
      } catch (UnavailableException e) {
        Duration wait = RETRY.delay(attempt);
        LOG.warn(
            "node {}: no server answers ({}); retrying in {}",
            api.nodeName(),
            e.getMessage(),
            wait);
        try {
          Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The agent's own port, where it serves its logs and usage. */
  public URI baseUri() {
    return http.baseUri();
  }

  /** The node's name. */
  public String nodeName() {
    return agent.nodeName();
  }

  /** The server the agent talked to last. */
  public URI currentServer() {
    return api.currentServer();
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /** Stops the agent and its port; containers keep running, for the next agent to adopt. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    try {
      if (gossip != null) {
        gossip.close(); // leaves the group: the servers see the node leave at once
      }
      agent.close();
      http.close();
      runtime.close();
    } finally {
      closed.countDown();
    }
  }
}
