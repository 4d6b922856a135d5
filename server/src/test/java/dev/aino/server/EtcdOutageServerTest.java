package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.api.InstanceFilter;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import dev.aino.testing.etcd.EtcdServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real etcd stopped under a running {@code aino up}: {@code /healthz} says the store is
 * unavailable, a write answers 503 with the reason, and when etcd is back everything written before
 * is there and writes work again.
 */
class EtcdOutageServerTest {
  @TempDir Path dataDir;

  private static String manifest(String name) {
    return "{\"name\":\""
        + name
        + "\",\"spec\":{\"image\":\"busybox\",\"replicas\":1,"
        + "\"resources\":{\"cpuMillis\":10,\"memoryMiB\":8}}}";
  }

  private static List<Instance> running(AinoServer server, String workload) {
    return Await.value(
        workload + " to run",
        () -> {
          List<Instance> running =
              server.service().instances(InstanceFilter.ofWorkload(workload)).stream()
                  .filter(i -> i.phase() == InstancePhase.RUNNING)
                  .toList();
          return running.size() == 1 ? running : null;
        });
  }

  private static boolean healthy(HttpProbe http) {
    try {
      return http.get("/healthz").statusCode() == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void healthzAndWritesSayEtcdIsDownAndNothingIsLostWhenItReturns() throws Exception {
    try (EtcdServer etcd = new EtcdServer()) {
      etcd.start();
      try (AinoServer server =
          TestServer.start(
              dataDir, Map.of(), "--store", "etcd", "--etcd-endpoints", etcd.endpoint())) {
        HttpProbe http = new HttpProbe(server.baseUri());
        assertThat(http.postJson("/api/v1/workloads", manifest("before")).statusCode())
            .isEqualTo(200);
        Instance before = running(server, "before").get(0);

        etcd.stop();

        HttpResponse<String> health = http.get("/healthz");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        JsonNode body = HttpProbe.json(health);
        assertThat(body.path("status").asText()).isNotEqualTo("ok");
        assertThat(body.path("store").path("backend").asText()).isEqualTo("etcd");
        assertThat(body.path("reason").asText()).containsIgnoringCase("etcd");

        HttpResponse<String> write = http.postJson("/api/v1/workloads", manifest("during"));
        assertThat(write.statusCode()).as(write.body()).isEqualTo(503);
        assertThat(HttpProbe.json(write).path("error").path("message").asText())
            .as(write.body())
            .containsIgnoringCase("etcd");

        etcd.start();

        Await.until("/healthz to be ok again", () -> healthy(http));
        assertThat(server.service().workload("before").workload().spec().replicas()).isEqualTo(1);
        assertThat(running(server, "before")).extracting(Instance::id).containsExactly(before.id());
        HttpResponse<String> after = http.postJson("/api/v1/workloads", manifest("after"));
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        running(server, "after");
      }
    }
  }
}
