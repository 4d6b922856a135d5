package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.server.client.AinoClient;
import dev.aino.server.testing.AinoJar;
import dev.aino.server.testing.HttpProbe;
import dev.aino.testing.Await;
import dev.aino.testing.etcd.EtcdServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code aino up} processes from the built jar on one real etcd, simulated runtime, loopback
 * only: one leader at a time, no duplicate instance, and the leader's loss by {@code kill -9}, its
 * pause by {@code kill -STOP} and a restart of etcd survived. Runs in {@code mvn verify}.
 */
class ClusterIT {
  private static final String TOKEN = "cluster-it-token";
  private static final Duration LEASE = Duration.ofSeconds(2);

  /** Lease expiry, the next poll and a loaded CI machine's slowness. */
  private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(15);

  /** Three JVMs starting at once on two busy cores take longer than one alone. */
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  private static final int REPLICAS = 30;

  /** Replicas the leader is asked to add just before it is paused. */
  private static final int BURST = 20;

  @TempDir static Path tmp;

  private static EtcdServer etcd;
  private static AinoJar jar;
  private static final List<Server> servers = new ArrayList<>();

  /** One {@code aino up} process. */
  private record Server(String name, Process process, int port, Path log) {
    HttpProbe probe() {
      return new HttpProbe(AinoJar.loopback(port));
    }

    AinoClient client() {
      return new AinoClient(AinoJar.loopback(port), TOKEN);
    }

    /** The {@code cluster} part of /healthz, or empty when the server does not answer. */
    Optional<JsonNode> cluster() {
      try {
        HttpResponse<String> response = probe().get("/healthz");
        if (response.statusCode() != 200) {
          return Optional.empty();
        }
        return Optional.of(HttpProbe.json(response).path("cluster"));
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }

    boolean leading() {
      return cluster().map(c -> c.path("leading").asBoolean()).orElse(false);
    }

    void signal(String signal) throws IOException, InterruptedException {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(kill.exitValue()).as("kill -%s %d", signal, process.pid()).isZero();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    servers.clear();
    etcd = new EtcdServer();
    etcd.start();
    jar = AinoJar.find();
    for (String name : List.of("s1", "s2", "s3")) {
      int port = AinoJar.freeLoopbackPort();
      Path log = tmp.resolve(name + ".log");
      Process process =
          jar.launch(
              log,
              Map.of("AINO_TOKEN", TOKEN),
              "up",
              "--store",
              "etcd",
              "--etcd-endpoints",
              etcd.endpoint(),
              "--data-dir",
              tmp.resolve(name).toString(),
              "--runtime",
              "simulated",
              "--port",
              Integer.toString(port),
              "--node-name",
              name,
              // A cold JVM's first etcd call on two busy cores can take longer than 5 s.
              "--etcd-timeout",
              "30s",
              "--leader-lease",
              LEASE.toSeconds() + "s");
      Server server = new Server(name, process, port, log);
      servers.add(server);
      // One at a time: three cold JVMs connecting at once on two busy cores can miss etcd's
      // request timeout on their first call.
      awaitHealthy(server);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Server s : servers) {
      if (s.process().isAlive()) {
        s.signal("CONT"); // a paused one would ignore the kill's clean-up otherwise
      }
      AinoJar.stopForcibly(s.process());
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  @Test
  void oneLeaderSurvivesKillPauseAndAnEtcdRestartWithoutDuplicates() throws Exception {
    Server first = awaitOneLeader(servers);
    for (Server s : servers) {
      assertThat(s.cluster().orElseThrow().path("leader").asText()).isEqualTo(first.name());
      assertThat(s.client().cluster().leader()).isEqualTo(first.name());
    }

    // Any server takes the workload; only the leader's controller acts on it.
    Server other = servers.stream().filter(s -> s != first).findFirst().orElseThrow();
    other
        .client()
        .apply(
            Json.mapper()
                .readTree(
                    "{\"name\":\"web\",\"spec\":{\"image\":\"busybox\",\"replicas\":"
                        + REPLICAS
                        + ",\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8},"
                        + "\"placement\":{\"strategy\":\"SPREAD\"}}}"));
    awaitRunning(other, REPLICAS);
    assertNoDuplicates(other, REPLICAS);

    long onFirst = onNode(other, first.name());
    // kill -9 the leader: another takes over within the lease and a poll.
    long killed = System.nanoTime();
    first.process().destroyForcibly();
    assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    List<Server> alive = servers.stream().filter(s -> s != first).toList();
    Server second = awaitOneLeader(alive);
    Duration failover = Duration.ofNanos(System.nanoTime() - killed);
    System.out.printf(
        "cluster: kill -9 of the leader to a new leader in %d ms (lease %s)%n",
        failover.toMillis(), LEASE);
    assertThat(failover).isLessThan(FAILOVER_LIMIT);
    assertNoDuplicates(second, REPLICAS);

    // The new leader acts: with the dead node cordoned, two more replicas go to the others.
    second.client().cordon(first.name());
    second.client().scale("web", REPLICAS + 2);
    awaitRunning(second, REPLICAS + 2);
    assertNoDuplicates(second, REPLICAS + 2);
    assertThat(onNode(second, first.name())).as("instances on the dead node").isEqualTo(onFirst);

    // kill -STOP the new leader until the third server takes over, then let it go on. It stops
    // just after it was asked to scale up, so its controller may be reconciling or placing then:
    // whatever it had passed its leader gate with is sent once it wakes, with its old term.
    Server third = alive.stream().filter(s -> s != second).findFirst().orElseThrow();
    long pausedTerm = second.cluster().orElseThrow().path("term").asLong();
    int scaled = REPLICAS + 2 + BURST;
    second.client().scale("web", scaled);
    second.signal("STOP");
    Await.until(
        "the third server to lead while the second is paused", FAILOVER_LIMIT, third::leading);
    long thirdTerm = third.cluster().orElseThrow().path("term").asLong();
    assertThat(thirdTerm).isGreaterThan(pausedTerm);
    second.signal("CONT");
    Await.until(
        "the paused server to see that it no longer leads",
        () ->
            second
                .cluster()
                .map(
                    c ->
                        !c.path("leading").asBoolean()
                            && third.name().equals(c.path("leader").asText()))
                .orElse(false));
    assertThat(AinoJar.readQuietly(second.log()))
        .contains(second.name() + " is no longer the leader (term " + pausedTerm + ")");
    assertThat(third.client().events("node", second.name(), 100).items())
        .anySatisfy(e -> assertThat(e.reason()).isEqualTo("LeadershipLost"));
    assertThat(third.leading()).isTrue();
    awaitRunning(third, scaled);
    assertNoDuplicates(third, scaled);
    // Nothing the paused leader wrote landed after the third's term began: etcd revisions are one
    // order, and its last accepted control-plane write is older than the new term's key.
    JsonNode paused = second.cluster().orElseThrow();
    long lastOfOldTerm = paused.path("lastControlWriteRevision").asLong();
    assertThat(lastOfOldTerm)
        .as("the paused leader's last accepted control-plane write (the new term is %d)", thirdTerm)
        .isPositive()
        .isLessThan(thirdTerm);
    System.out.printf(
        "cluster: the paused leader's writes refused after it woke: %d, %d of them by etcd's fence"
            + " (sent with term %d after term %d began); its last accepted write at revision %d%n",
        paused.path("fencedWrites").asLong(),
        paused.path("staleTermWrites").asLong(),
        pausedTerm,
        thirdTerm,
        lastOfOldTerm);

    // Restart etcd: everything committed is still there, and one server leads again.
    etcd.stop();
    etcd.start();
    Server afterRestart = awaitOneLeader(alive);
    assertThat(afterRestart.client().workload("web").workload().spec().replicas())
        .isEqualTo(scaled);
    awaitRunning(afterRestart, scaled);
    assertNoDuplicates(afterRestart, scaled);
    assertThat(third.client().events("node", third.name(), 100).items())
        .anySatisfy(e -> assertThat(e.reason()).isEqualTo("LeaderElected"));
  }

  private static void awaitHealthy(Server s) {
    Await.until(
        s.name() + " to answer /healthz (log: " + s.log() + ")",
        START_LIMIT,
        () -> {
          assertThat(s.process().isAlive())
              .as("%s is alive; log:%n%s", s.name(), AinoJar.readQuietly(s.log()))
              .isTrue();
          return s.cluster().isPresent();
        });
  }

  /** Waits until exactly one of {@code candidates} leads and all of them name it; returns it. */
  private static Server awaitOneLeader(List<Server> candidates) {
    return Await.value(
        "exactly one leader among " + candidates.stream().map(Server::name).toList(),
        FAILOVER_LIMIT,
        () -> {
          List<Server> leading = candidates.stream().filter(Server::leading).toList();
          if (leading.size() != 1) {
            return null;
          }
          String name = leading.get(0).name();
          boolean agreed =
              candidates.stream()
                  .allMatch(
                      s ->
                          s.cluster()
                              .map(c -> name.equals(c.path("leader").asText()))
                              .orElse(false));
          return agreed ? leading.get(0) : null;
        },
        () -> candidates.stream().map(s -> s.name() + "=" + s.cluster().orElse(null)).toList());
  }

  private static void awaitRunning(Server server, int count) {
    Await.until(
        count + " instances of web running",
        Duration.ofSeconds(30),
        () ->
            server.client().instances("web", null, null).stream()
                    .filter(i -> i.phase() == InstancePhase.RUNNING)
                    .count()
                == count);
  }

  private static long onNode(Server server, String node) {
    return server.client().instances("web", null, null).stream()
        .filter(i -> node.equals(i.node()))
        .count();
  }

  /** Every instance ever created for web is one of the declared replicas: none was doubled. */
  private static void assertNoDuplicates(Server server, int replicas) {
    List<Instance> all = server.client().instances("web", null, null);
    assertThat(new HashSet<>(all.stream().map(Instance::id).toList())).hasSize(all.size());
    assertThat(all).as("instances of web, in any phase").hasSize(replicas);
    assertThat(all).allSatisfy(i -> assertThat(i.phase().isTerminal()).isFalse());
  }
}
