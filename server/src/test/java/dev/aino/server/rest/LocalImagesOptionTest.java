package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aino up --allow-local-images DIR}: host directories below DIR may be images. */
class LocalImagesOptionTest {
  @TempDir Path dataDir;
  @TempDir Path images;

  @Test
  void directoriesBelowTheAllowedOneAreImagesAndOthersAreNot() throws Exception {
    Path app = Files.createDirectories(images.resolve("app"));
    try (AinoServer server =
        TestServer.start(dataDir, Map.of(), "--allow-local-images", images.toString())) {
      HttpProbe http = new HttpProbe(server.baseUri());

      HttpResponse<String> allowed =
          http.postJson(
              "/api/v1/workloads",
              "{\"name\":\"dev\",\"spec\":{\"image\":\"rootfs:" + app + "\"}}");
      assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);

      HttpResponse<String> refused =
          http.postJson(
              "/api/v1/workloads", "{\"name\":\"host\",\"spec\":{\"image\":\"rootfs:/\"}}");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(HttpProbe.json(refused).path("error").path("message").asText())
          .isEqualTo(
              "spec.image: rootfs:/ is not below a directory allowed with --allow-local-images ("
                  + images.toRealPath()
                  + ")");
    }
  }
}
