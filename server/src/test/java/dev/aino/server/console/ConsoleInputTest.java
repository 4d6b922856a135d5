package dev.aino.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.WorkloadSpec;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's changes take their form fields as one JSON object of strings, as strictly as every
 * input of aino: a field the form does not have, a duplicate key or a value of another type is a
 * 400 naming the field, every one at once, and nothing changes.
 */
class ConsoleInputTest {
  @TempDir static Path dataDir;
  private static AinoServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    server.service().apply("web", WorkloadSpec.builder("nginx:1.27").build());
    http = new HttpProbe(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Posts {@code body} to the scale form, checking that a refusal changed nothing. */
  private static HttpResponse<String> scale(String body) throws Exception {
    int before = server.service().workload("web").desired();
    HttpResponse<String> answer = http.postJson("/ui/workloads/web/scale", body);
    if (answer.statusCode() >= 400) {
      assertThat(server.service().workload("web").desired()).isEqualTo(before);
    }
    return answer;
  }

  @Test
  void aFieldTheFormDoesNotHaveIsRefusedWithItsPath() throws Exception {
    HttpResponse<String> answer = scale("{\"replicas\": \"3\", \"replica\": \"4\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("body.replica").contains("not a field of this form");
  }

  @Test
  void aDuplicateKeyIsRefused() throws Exception {
    HttpResponse<String> answer = scale("{\"replicas\": \"3\", \"replicas\": \"5\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("Duplicate field 'replicas'");
  }

  @Test
  void aValueThatIsNotAStringIsRefusedNotCoerced() throws Exception {
    HttpResponse<String> answer = scale("{\"replicas\": 3}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("body.replicas").contains("must be a string");
  }

  @Test
  void everyWrongFieldIsReportedAtOnce() throws Exception {
    HttpResponse<String> answer =
        http.postJson("/ui/ask", "{\"text\": [\"scale web\"], \"apply\": true, \"force\": \"y\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("body.text", "body.apply", "body.force");
  }

  @Test
  void wellFormedFieldsStillScale() throws Exception {
    HttpResponse<String> answer = scale("{\"replicas\": \"2\"}");
    assertThat(answer.statusCode()).as(answer.body()).isLessThan(300);
    assertThat(server.service().workload("web").desired()).isEqualTo(2);
  }
}
