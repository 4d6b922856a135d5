package dev.aino.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How fast a cluster notices a dead host and runs its instances elsewhere: three {@code aino up}
 * processes on one real etcd (simulated runtime, each server its own node), a workload spread over
 * them, then {@code kill -9} of a server that is not the leader. Measured from the kill: until the
 * survivors' API says its node is {@code DOWN}, and until every replica is {@code RUNNING} on
 * another node. Run twice in one invocation, with SWIM gossip ({@code --gossip-port}, {@code
 * --gossip-seed}, default {@code --node-lost-grace}) and with the etcd heartbeat alone, each on an
 * etcd of its own, so both see the same machine.
 */
final class DetectionBench {
  private static final String TOKEN = "detection-bench-token";
  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(5);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private DetectionBench() {}

  /** One {@code aino up} process. */
  private record Server(String name, Process process, int port, int gossipPort, Path log) {
    URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }
  }

  /** What one round measured, in milliseconds from the kill. */
  private record Round(long down, long recovered, int lost) {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv, Args.union(StoreSite.OPTIONS, List.of("jar", "replicas", "rounds")));
    int replicas = args.integer("replicas", 12);
    int rounds = args.integer("rounds", 1);
    Path jar = Path.of(args.text("jar", "server/target/aino.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new Args.UsageException(
          "--jar: " + jar + " is missing; build it with 'mvn package -pl server -am'");
    }
    if (!args.text("etcd", "").isEmpty()) {
      throw new Args.UsageException(
          "--etcd: detection starts an etcd of its own per round, so no run sees another's nodes");
    }
    if (replicas < 3 || rounds < 1) {
      throw new Args.UsageException("--replicas at least 3 and --rounds at least 1");
    }
    System.out.printf(
        "detection: 3 aino up processes on etcd, simulated runtime, %d replicas, kill -9 of a"
            + " follower, %d round(s) per way; %s%n",
        replicas, rounds, Machine.describe());
    DetectionBench bench = new DetectionBench();
    List<String> summary = new ArrayList<>();
    for (boolean gossip : List.of(true, false)) {
      List<Round> results = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        results.add(bench.round(args, jar, gossip, replicas));
      }
      results.sort((a, b) -> Long.compare(a.recovered(), b.recovered()));
      Round median = results.get(results.size() / 2);
      String line =
          String.format(
              "%-15s kill -9 to DOWN %5.1f s, to all %d replicas Running elsewhere %5.1f s"
                  + " (%d instance(s) lost and replaced; median of %d)",
              gossip ? "SWIM+heartbeat:" : "heartbeat only:",
              median.down() / 1000.0,
              replicas,
              median.recovered() / 1000.0,
              median.lost(),
              results.size());
      System.out.println(line);
      summary.add(line);
    }
    System.out.println("summary (same run):");
    summary.forEach(l -> System.out.println("  " + l));
  }

  private Round round(Args args, Path jar, boolean gossip, int replicas) throws Exception {
    List<Server> servers = new ArrayList<>();
    try (StoreSite site = StoreSite.of(args)) {
      String etcd = site.etcdEndpoint();
      Path dir = Files.createTempDirectory("aino-detection-");
      try {
        for (int i = 1; i <= 3; i++) {
          Server s = launch(jar, dir, "s" + i, etcd, gossip, servers);
          servers.add(s);
          awaitHealthy(s); // one at a time: cold JVMs on a busy machine
        }
        Server api = servers.get(0);
        post(
            api,
            "/api/v1/workloads",
            "{\"name\":\"spread\",\"spec\":{\"image\":\"busybox:1.36\",\"command\":[\"sleep\","
                + "\"3600\"],\"replicas\":"
                + replicas
                + ",\"resources\":{\"cpuMillis\":100,\"memoryMiB\":64}}}");
        await("all replicas running", START_LIMIT, () -> running(api, null) == replicas);
        String leader = leader(api);
        Server victim =
            servers.stream()
                .filter(s -> !s.name().equals(leader))
                .max((a, b) -> Long.compare(runningOn(api, a.name()), runningOn(api, b.name())))
                .orElseThrow();
        Server survivor = servers.stream().filter(s -> s != victim).findFirst().orElseThrow();
        int lost = (int) runningOn(survivor, victim.name());
        if (lost == 0) {
          throw new IllegalStateException("nothing runs on " + victim.name() + " to lose");
        }
        long killed = System.nanoTime();
        new ProcessBuilder("kill", "-9", Long.toString(victim.process().pid()))
            .start()
            .waitFor(10, TimeUnit.SECONDS);
        long down = -1;
        long recovered = -1;
        long deadline = killed + RECOVERY_LIMIT.toNanos();
        while (down < 0 || recovered < 0) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "not recovered within " + RECOVERY_LIMIT + " (down after " + down + " ms)");
          }
          long now = System.nanoTime();
          if (down < 0 && "DOWN".equals(nodeStatus(survivor, victim.name()))) {
            down = (now - killed) / 1_000_000;
          }
          if (recovered < 0 && running(survivor, victim.name()) == replicas) {
            recovered = (now - killed) / 1_000_000;
          }
          Thread.sleep(50);
        }
        System.out.printf(
            "  %s: killed %s (%d of %d replicas), leader %s: DOWN after %.1f s, all Running"
                + " elsewhere after %.1f s%n",
            gossip ? "swim" : "heartbeat",
            victim.name(),
            lost,
            replicas,
            leader,
            down / 1000.0,
            recovered / 1000.0);
        return new Round(down, recovered, lost);
      } finally {
        for (Server s : servers) {
          s.process().destroyForcibly();
          s.process().waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  private Server launch(
      Path jar, Path dir, String name, String etcd, boolean gossip, List<Server> started)
      throws IOException {
    int port = freePort();
    int gossipPort = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                "up",
                "--store",
                "etcd",
                "--etcd-endpoints",
                etcd,
                "--data-dir",
                dir.resolve(name).toString(),
                "--runtime",
                "simulated",
                "--port",
                Integer.toString(port),
                "--node-name",
                name,
                "--etcd-timeout",
                "30s"));
    if (gossip) {
      command.addAll(
          List.of(
              "--gossip-port",
              Integer.toString(gossipPort),
              "--advertise-address",
              "127.0.0.1:" + port));
      if (!started.isEmpty()) {
        command.addAll(List.of("--gossip-seed", "127.0.0.1:" + started.get(0).gossipPort()));
      }
    }
    Path log = dir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("AINO_SERVER");
    builder.environment().put("AINO_TOKEN", TOKEN);
    Process process = builder.redirectOutput(log.toFile()).start();
    return new Server(name, process, port, gossipPort, log);
  }

  private void awaitHealthy(Server s) throws Exception {
    await(
        s.name() + " to answer /healthz",
        START_LIMIT,
        () -> {
          if (!s.process().isAlive()) {
            throw new IllegalStateException(s.name() + " ended:\n" + Files.readString(s.log()));
          }
          return status(s, "/healthz") == 200;
        });
  }

  private String leader(Server s) throws Exception {
    String[] leader = new String[1];
    await(
        "a leader",
        START_LIMIT,
        () -> {
          JsonNode cluster = get(s, "/healthz").path("cluster");
          leader[0] = cluster.path("leader").asText(null);
          return leader[0] != null;
        });
    return leader[0];
  }

  private String nodeStatus(Server s, String node) throws Exception {
    return get(s, "/api/v1/nodes/" + node).path("node").path("status").asText(null);
  }

  /** RUNNING instances of the workload, those on {@code notOn} left out when it is given. */
  private long running(Server s, String notOn) throws Exception {
    JsonNode items = get(s, "/api/v1/instances?workload=spread&phase=RUNNING&limit=5000");
    long count = 0;
    for (JsonNode i : items.path("items")) {
      if (notOn == null || !notOn.equals(i.path("node").asText())) {
        count++;
      }
    }
    return count;
  }

  private long runningOn(Server s, String node) {
    try {
      return get(s, "/api/v1/instances?workload=spread&phase=RUNNING&node=" + node + "&limit=5000")
          .path("items")
          .size();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int status(Server s, String path) {
    try {
      return http.send(request(s, path).GET().build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private JsonNode get(Server s, String path) throws Exception {
    HttpResponse<String> response =
        http.send(request(s, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + ": " + response.statusCode());
    }
    return Json.mapper().readTree(response.body());
  }

  private void post(Server s, String path, String json) throws Exception {
    HttpResponse<String> response =
        http.send(
            request(s, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "POST " + path + ": " + response.statusCode() + " " + response.body());
    }
  }

  private static HttpRequest.Builder request(Server s, String path) {
    return HttpRequest.newBuilder(s.uri(path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A check that may throw; a failed read is "not yet". */
  private interface Check {
    boolean done() throws Exception;
  }

  private static void await(String what, Duration limit, Check check) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      boolean done;
      try {
        done = check.done();
      } catch (IllegalStateException e) {
        if (e.getMessage() != null && e.getMessage().contains(" ended:\n")) {
          throw e;
        }
        done = false;
      } catch (IOException e) {
        done = false;
      }
      if (done) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + limit + " waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
