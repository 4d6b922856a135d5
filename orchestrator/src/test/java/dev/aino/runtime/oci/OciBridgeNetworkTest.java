package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.aino.model.NetworkMode;
import dev.aino.model.PortBinding;
import dev.aino.model.Protocol;
import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerSpec;
import dev.aino.runtime.oci.network.BridgeNetwork;
import dev.aino.runtime.oci.network.BridgeNetworkConfig;
import dev.aino.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bridge networking with real runc and the real CNI plugins: addresses, published ports, and
 * nothing left behind (namespaces, veths, iptables rules, host-local leases). The test's bridge and
 * subnet are its own (named after the JVM's pid), and it deletes the bridge when done.
 */
class OciBridgeNetworkTest {
  private static final long PID = ProcessHandle.current().pid();
  private static final String BRIDGE = "ainot" + (PID % 100_000);
  private static final String SUBNET = "10." + (200 + PID % 50) + "." + (PID / 50 % 256) + ".0/24";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path dir;
  private final BusyboxImages images = new BusyboxImages();
  private final List<OciRuntime> opened = new ArrayList<>();
  private Path image;
  private Path dataDir;
  private Path leases;
  private OciRuntime runtime;

  @BeforeAll
  static void requireCni() {
    OciTestSupport.requirePrerequisites();
    for (String plugin : List.of("bridge", "host-local", "portmap", "firewall", "loopback")) {
      if (BridgeNetworkConfig.DEFAULT_PLUGIN_DIRS.stream()
          .noneMatch(d -> Files.isExecutable(d.resolve(plugin)))) {
        fail(
            "the bridge network tests need the CNI plugin "
                + plugin
                + ": apt-get install containernetworking-plugins");
      }
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    image = BusyboxImages.buildBusybox(dir.resolve("image"));
    dataDir = dir.resolve("data");
    leases = dir.resolve("cni");
    runtime = open();
  }

  private OciRuntime open() {
    OciRuntime r =
        OciRuntime.open(
            OciTestSupport.config(dataDir),
            images,
            new BridgeNetworkConfig(
                BRIDGE, SUBNET, BridgeNetworkConfig.DEFAULT_PLUGIN_DIRS, leases, "aino-test"));
    opened.add(r);
    return r;
  }

  @AfterEach
  void destroyEverything() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      OciRuntime each = opened.get(i);
      each.list().forEach(each::destroy);
      each.close();
    }
  }

  @AfterAll
  static void removeBridgeAndCgroups() throws IOException {
    run("ip", "link", "delete", BRIDGE);
    OciTestSupport.removeCgroupParent();
  }

  @Test
  void threeReplicasAnswerEachOnItsOwnAddressAndHostPortAndLeaveNothingBehind() throws Exception {
    assertThat(runtime.fingerprint().bridgeNetwork()).isTrue();
    List<ContainerHandle> handles = new ArrayList<>();
    Set<String> ips = new HashSet<>();
    for (int i = 1; i <= 3; i++) {
      handles.add(runtime.start(web("web-" + i, 21_000 + i)));
    }
    for (int i = 1; i <= 3; i++) {
      ContainerHandle h = handles.get(i - 1);
      String ip = runtime.address(h).orElseThrow();
      ips.add(ip);
      String expected = "web-" + i + " " + ip;
      assertThat(awaitBody("http://" + ip + ":8080/")).isEqualTo(expected);
      assertThat(awaitBody("http://127.0.0.1:" + (21_000 + i) + "/")).isEqualTo(expected);
    }
    assertThat(ips).hasSize(3);
    List<String> ids = handles.stream().map(ContainerHandle::containerId).toList();
    assertThat(leftovers(ids)).isNotEmpty(); // the check below can see what it looks for

    handles.forEach(runtime::destroy);

    assertThat(leftovers(ids)).isEmpty();
  }

  @Test
  void anAgentRestartKeepsTheAddressesAnsweringAndTheNextDestroyReleasesThem() throws Exception {
    ContainerHandle handle = runtime.start(web("keep-1", 21_100));
    String ip = runtime.address(handle).orElseThrow();
    awaitBody("http://" + ip + ":8080/");
    runtime.close(); // the agent goes away; its containers and their networks stay

    OciRuntime restarted = open();
    assertThat(restarted.recover("keep-1", handle.containerId())).contains(handle);
    assertThat(restarted.address(handle)).contains(ip);
    assertThat(restarted.network().orElseThrow().check(bundleNetwork("keep-1"))).isEmpty();
    assertThat(awaitBody("http://127.0.0.1:21100/")).isEqualTo("keep-1 " + ip);

    restarted.destroy(handle);
    assertThat(leftovers(List.of(handle.containerId()))).isEmpty();
  }

  @Test
  void aStartInterruptedAfterItsNetworkWasAttachedIsReleasedWhenTheDriverOpensAgain()
      throws Exception {
    // What a start leaves when the agent dies after CNI ADD and before config.json is written.
    BridgeNetwork network = runtime.network().orElseThrow();
    Path bundle = Files.createDirectories(dataDir.resolve("bundles").resolve("torn-1"));
    String id = "torn-1-0badcafe";
    network.attach(
        bundle.resolve("network.json"),
        id,
        List.of(new PortBinding("http", 8080, 21_200, Protocol.TCP)));
    assertThat(leftovers(List.of(id))).isNotEmpty();
    runtime.close();

    open();

    assertThat(bundle).doesNotExist();
    assertThat(leftovers(List.of(id))).isEmpty();
  }

  private Path bundleNetwork(String instance) {
    return dataDir.resolve("bundles").resolve(instance).resolve("network.json");
  }

  private ContainerSpec web(String instance, int hostPort) {
    ContainerSpec base =
        OciTestSupport.spec(
            image,
            instance,
            List.of(
                "sh",
                "-c",
                "mkdir -p /www && echo $AINO_INSTANCE $AINO_IP > /www/index.html"
                    + " && exec httpd -f -p $AINO_PORT_HTTP -h /www"),
            32);
    return new ContainerSpec(
            base.instanceId(),
            base.workload(),
            base.image(),
            base.command(),
            base.args(),
            base.env(),
            base.resources(),
            null,
            0,
            false,
            NetworkMode.BRIDGE,
            List.of(new PortBinding("http", 8080, hostPort, Protocol.TCP)))
        .withEnv(ContainerSpec.ENV_INSTANCE, instance)
        .withEnv("AINO_PORT_HTTP", "8080");
  }

  private static String awaitBody(String url) {
    return Await.value(
        "an answer from " + url,
        Duration.ofSeconds(15),
        () -> {
          try {
            HttpResponse<String> r =
                HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().strip() : null;
          } catch (IOException e) {
            return null;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
          }
        },
        () -> "no answer");
  }

  /** What of these containers is still on the host, and every veth and lease of the bridge. */
  private List<String> leftovers(List<String> containerIds) throws IOException {
    return new NetworkLeftovers(BRIDGE, leases.resolve("aino-test")).of(containerIds);
  }

  private static String run(String... argv) {
    return NetworkLeftovers.run(argv);
  }
}
