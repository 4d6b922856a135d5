package dev.aino.server;

import dev.aino.a2a.A2aAgent;
import dev.aino.api.ChangeFeed;
import dev.aino.intent.IntentEngine;
import dev.aino.intent.LlmIntentReader;
import dev.aino.intent.LlmSettings;
import dev.aino.intent.OfflineIntentReader;
import dev.aino.mcp.AinoMcpServer;
import dev.aino.runtime.oci.OciRuntime;
import dev.aino.server.http.A2aComponent;
import dev.aino.server.http.BearerToken;
import dev.aino.server.http.ConsoleComponent;
import dev.aino.server.http.ConsoleSessions;
import dev.aino.server.http.HealthEndpoint;
import dev.aino.server.http.HttpComponent;
import dev.aino.server.http.HttpServer;
import dev.aino.server.http.McpComponent;
import dev.aino.server.metrics.MetricsEndpoint;
import dev.aino.server.metrics.MicrometerMetrics;
import dev.aino.server.rest.NodeApiRoutes;
import dev.aino.server.rest.RestApi;
import dev.aino.store.KvStateStore;
import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running aino server: the state store, the control plane and the HTTP server that serves them.
 * {@link #start} brings them up in order and logs one line; {@link #close} takes them down in
 * reverse, once.
 */
public final class AinoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AinoServer.class);

  private final StateStore store;
  private final ControlPlane controlPlane;
  private final HttpServer http;
  private final McpComponent mcp;
  private final A2aComponent a2a;
  private final ConsoleComponent console;
  private final IntentEngine intents;
  private final MicrometerMetrics metrics;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch closed = new CountDownLatch(1);

  /**
   * Loads, on a thread of its own, what the start-up path would otherwise load in turn: the store's
   * JSON codec (for the node's registration, the first write) and, for an OCI runtime, the libc
   * bindings it mounts overlays with. A failure here is met again, and reported, where it counts.
   */
  private static void warmUpCoreInBackground(boolean ociRuntime) {
    Thread warmUp =
        new Thread(
            () -> {
              try {
                if (ociRuntime) {
                  OciRuntime.preloadMounter();
                }
                KvStateStore.warmUpCodec();
              } catch (RuntimeException | LinkageError e) {
                // The start-up path does the same work and reports what fails.
              }
            },
            "aino-core-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  private AinoServer(
      StateStore store,
      ControlPlane controlPlane,
      HttpServer http,
      McpComponent mcp,
      A2aComponent a2a,
      ConsoleComponent console,
      IntentEngine intents,
      MicrometerMetrics metrics) {
    this.intents = intents;
    this.a2a = a2a;
    this.console = console;
    this.metrics = metrics;
    this.store = store;
    this.controlPlane = controlPlane;
    this.http = http;
    this.mcp = mcp;
  }

  /**
   * Prepares the data directory, opens the store and starts serving HTTP.
   *
   * @param launchedAt when the process (or test) began, for the "started in" figure
   * @throws dev.aino.error.AinoException when any part cannot start; what did start is closed
   */
  public static AinoServer start(ServerSettings settings, Instant launchedAt) {
    HttpServer.warmUpInBackground();
    warmUpCoreInBackground(settings.node().runtime().isOci());
    DataDirectory.prepare(settings.store().dataDir());
    StateStore store = StoreFactory.open(settings.store(), StoreOptions.defaults());
    MicrometerMetrics metrics = new MicrometerMetrics();
    store.reportTo(metrics);
    ControlPlane controlPlane = null;
    McpComponent mcp = null;
    ConsoleComponent console = null;
    HttpServer http = null;
    IntentEngine intents = null;
    A2aComponent a2a = null;
    try {
      controlPlane =
          ControlPlane.start(
              store,
              settings.node(),
              settings.store().dataDir(),
              settings.http().token().map(BearerToken::text).orElse(null),
              settings.autoscaler(),
              settings.leaderLease(),
              settings.gossip(),
              metrics);
      // The engine loads its model on the first message, not here: start-up stays fast.
      intents = intentEngine(controlPlane.service(), settings.llm());
      mcp =
          McpComponent.create(
              controlPlane.service(),
              intents,
              ChangeFeed.of(store),
              settings.mcp(),
              settings.http());
      // A task names its server only where another server could read or adopt it: on a store
      // of this server alone, each task change is then one write, and ListTasks reads no store.
      String taskServer = settings.store().backend().shared() ? settings.node().name() : null;
      a2a =
          new A2aComponent(
              new A2aAgent(intents, settings.a2a(), store, metrics, taskServer),
              controlPlane.service(),
              settings.http());
      // Kept in the data directory, so that an open page carries on after a restart.
      ConsoleSessions sessions =
          ConsoleSessions.create(
              settings.http(),
              Clock.systemUTC(),
              settings.store().dataDir().resolve("console").resolve("sessions"));
      console =
          ConsoleComponent.create(controlPlane.service(), ChangeFeed.of(store), intents, sessions);
      http =
          HttpServer.start(
              settings.http(),
              components(store, controlPlane, mcp, a2a, console, intents, metrics),
              sessions);
      mcp.startBuilding();
      controlPlane.advertise(settings.node().advertiseAddress(http.port()));
    } catch (RuntimeException e) {
      throw FailedStart.release(e, http, mcp, a2a, console, controlPlane, store, metrics);
    }
    LOG.info(
        "aino {} up on {} (store: {}, node: {} with {} runtime, started in {} ms)",
        AinoVersion.current(),
        http.baseUri(),
        settings.store().describe(),
        settings.node().name(),
        controlPlane.runtimeDescription(),
        Duration.between(launchedAt, Instant.now()).toMillis());
    return new AinoServer(store, controlPlane, http, mcp, a2a, console, intents, metrics);
  }

  /** The offline engine, or one that reads with the configured LLM first. */
  private static IntentEngine intentEngine(
      dev.aino.api.OrchestratorService service, LlmSettings llm) {
    if (llm == null) {
      return new IntentEngine(service);
    }
    LOG.info("intents are read by {}, offline when it fails", llm);
    return new IntentEngine(service, new LlmIntentReader(llm), new OfflineIntentReader());
  }

  /**
   * Everything served over HTTP. The composition root: each surface (REST API, MCP, A2A, console)
   * is one more element here.
   */
  private static List<HttpComponent> components(
      StateStore store,
      ControlPlane controlPlane,
      McpComponent mcp,
      A2aComponent a2a,
      ConsoleComponent console,
      IntentEngine intents,
      MicrometerMetrics metrics) {
    return List.of(
        new HealthEndpoint(
            store,
            AinoVersion.current(),
            controlPlane.runtimeDescription(),
            controlPlane::leadership),
        new RestApi(controlPlane.service(), intents, ChangeFeed.of(store)),
        new NodeApiRoutes(store, Clock.systemUTC()),
        mcp,
        a2a,
        new MetricsEndpoint(metrics, AinoMcpServer.toolNames(controlPlane.service(), intents)),
        console);
  }

  /** For example {@code http://127.0.0.1:7070}. */
  public URI baseUri() {
    return http.baseUri();
  }

  /** The port actually bound. */
  public int port() {
    return http.port();
  }

  /** The facade every surface calls. */
  public dev.aino.api.OrchestratorService service() {
    return controlPlane.service();
  }

  /** The intent engine every surface that takes words shares. */
  public IntentEngine intents() {
    return intents;
  }

  /** The leader election as this server sees it; empty for a single server. */
  public java.util.Optional<ControlPlane.Leadership> leadership() {
    return controlPlane.leadership();
  }

  /** The open state store. */
  public StateStore store() {
    return store;
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /**
   * Stops HTTP, then MCP sessions, then the control plane, then closes the store. Safe to call more
   * than once and from any thread.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    try {
      http.close();
    } finally {
      try {
        try {
          mcp.close();
          a2a.close();
          console.close();
        } finally {
          controlPlane.close();
        }
      } finally {
        closeStore();
      }
    }
  }

  private void closeStore() {
    try {
      store.close();
    } finally {
      metrics.close();
      closed.countDown();
      LOG.info("aino stopped");
    }
  }
}
