package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/intents} against a real server: plan, apply, multi-turn, confirmation, and
 * strict bodies. The tests share one server, so each uses workloads of its own names.
 */
class RestIntentsTest {
  @TempDir static Path dataDir;

  private static AinoServer server;
  private static HttpProbe http;

  @BeforeAll
  static void start() {
    server = TestServer.start(dataDir, Map.of());
    http = new HttpProbe(server.baseUri());
    // Load the model before the first request, whose client waits at most 10 s.
    server.intents().warmUp();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode say(String body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.postJson("/api/v1/intents", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return HttpProbe.json(r);
  }

  private static String error(String body) throws IOException, InterruptedException {
    HttpResponse<String> r = http.postJson("/api/v1/intents", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    return HttpProbe.json(r).path("error").path("message").asText();
  }

  @Test
  void plansThenAppliesADeployAndScalesItInTheSameConversation() throws Exception {
    JsonNode plan =
        say("{\"text\":\"run 2 copies of busybox:1.36 called rest-web with 32 MiB each\"}");
    assertThat(plan.path("outcome").asText()).isEqualTo("PLANNED");
    assertThat(plan.path("action").asText()).isEqualTo("DEPLOY");
    assertThat(plan.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(plan.path("spec").path("resources").path("memoryMiB").asInt()).isEqualTo(32);
    assertThat(plan.path("plan").path("action").asText()).isEqualTo("created");
    assertThat(plan.path("summary").asText()).startsWith("would deploy rest-web");
    String conversation = plan.path("conversation").asText();
    assertThat(server.service().workloads(dev.aino.api.PageRequest.first(100)).items())
        .noneMatch(s -> s.workload().name().equals("rest-web"));

    JsonNode applied =
        say("{\"text\":\"yes\",\"dryRun\":false,\"conversation\":\"" + conversation + "\"}");
    assertThat(applied.path("outcome").asText()).isEqualTo("APPLIED");
    assertThat(server.service().workload("rest-web").desired()).isEqualTo(2);

    JsonNode scaled =
        say(
            "{\"text\":\"now double it\",\"dryRun\":false,\"conversation\":\""
                + conversation
                + "\"}");
    assertThat(scaled.path("outcome").asText()).isEqualTo("APPLIED");
    assertThat(scaled.path("action").asText()).isEqualTo("SCALE");
    assertThat(scaled.path("spec").path("replicas").asInt()).isEqualTo(4);
    assertThat(server.service().workload("rest-web").desired()).isEqualTo(4);
  }

  @Test
  void deletesOnlyWithConfirmation() throws Exception {
    say("{\"text\":\"deploy busybox:1.36 named rest-gone\",\"dryRun\":false}");
    JsonNode asked = say("{\"text\":\"delete rest-gone\",\"dryRun\":false}");
    assertThat(asked.path("outcome").asText()).isEqualTo("NEEDS_INPUT");
    assertThat(asked.path("missing").get(0).asText()).isEqualTo("confirm");
    assertThat(server.service().workload("rest-gone").workload().isDeleting()).isFalse();

    JsonNode deleted = say("{\"text\":\"delete rest-gone\",\"dryRun\":false,\"confirm\":true}");
    assertThat(deleted.path("outcome").asText()).isEqualTo("APPLIED");
    assertThat(deleted.path("action").asText()).isEqualTo("DELETE");
  }

  @Test
  void asksForWhatIsMissingAndRejectsUnsafeIntentsNamingTheField() throws Exception {
    JsonNode question = say("{\"text\":\"deploy something please\"}");
    assertThat(question.path("outcome").asText()).isEqualTo("NEEDS_INPUT");
    assertThat(question.path("question").asText()).isNotBlank();
    assertThat(question.path("missing").size()).isPositive();

    JsonNode shell =
        say("{\"text\":\"run busybox:1.36 with \\\"sleep 1 && reboot\\\" named rest-bad\"}");
    assertThat(shell.path("outcome").asText()).isEqualTo("REJECTED");
    assertThat(shell.path("field").asText()).isEqualTo("command");
    assertThat(shell.path("reason").asText()).contains("shell");

    JsonNode everything = say("{\"text\":\"delete all workloads\",\"dryRun\":false}");
    assertThat(everything.path("outcome").asText()).isEqualTo("REJECTED");
    assertThat(everything.path("field").asText()).isEqualTo("workload");
  }

  @Test
  void refusesBodiesThatAreNotExactlyAnIntentRequest() throws Exception {
    assertThat(error("{\"text\":\"list workloads\",\"dryrun\":false}"))
        .startsWith("dryrun: is not a field of an intent");
    assertThat(error("{\"text\":\"list workloads\",\"text\":\"delete web\"}"))
        .isEqualTo("text: appears more than once");
    assertThat(error("{\"text\":\"list workloads\",\"dryRun\":\"no\"}"))
        .isEqualTo("dryRun: must be true or false, got a string");
    assertThat(error("{\"text\":42}")).isEqualTo("text: must be a string, got a number");
    assertThat(error("{}")).isEqualTo("text: is required");
    assertThat(error("[]")).startsWith("body: must be a JSON object");
    assertThat(error("{\"text\":\"list\",\"conversation\":\"../etc\"}"))
        .startsWith("conversation: must be 1 to 64 letters");
    assertThat(error("{\"text\":\"   \"}")).isEqualTo("text: must not be blank");
  }

  @Test
  void ofTwoPlansMadeAtOneGenerationTheSecondConfirmedIsRefusedWithWhatChangedThenReplanned()
      throws Exception {
    say("{\"text\":\"run 1 copy of busybox:1.36 called rest-race with 16 MiB\",\"dryRun\":false}");
    long n = server.service().workload("rest-race").workload().generation();
    JsonNode first = say("{\"text\":\"scale rest-race to 2\"}");
    JsonNode second = say("{\"text\":\"scale rest-race to 3\"}");
    assertThat(first.path("generation").asLong()).isEqualTo(n);
    assertThat(second.path("generation").asLong()).isEqualTo(n);

    JsonNode won = confirm(first);
    assertThat(won.path("outcome").asText()).as(won.toString()).isEqualTo("APPLIED");
    JsonNode lost = confirm(second);

    assertThat(lost.path("outcome").asText()).as(lost.toString()).isEqualTo("REJECTED");
    assertThat(lost.path("field").asText()).isEqualTo("generation");
    assertThat(lost.path("generation").asLong()).isEqualTo(n + 1);
    assertThat(lost.path("reason").asText())
        .startsWith("rest-race moved from 1 to 2 replicas (generation " + n + ", now " + (n + 1));
    assertThat(server.service().workload("rest-race").workload().spec().replicas()).isEqualTo(2);

    JsonNode replanned = say("{\"text\":\"scale rest-race to 3\"}");
    assertThat(confirm(replanned).path("outcome").asText()).isEqualTo("APPLIED");
    assertThat(server.service().workload("rest-race").workload().spec().replicas()).isEqualTo(3);
  }

  /** The yes that applies a plan, in the plan's conversation, as {@code aino intent} sends it. */
  private static JsonNode confirm(JsonNode plan) throws IOException, InterruptedException {
    return say(
        "{\"text\":\"yes\",\"conversation\":\""
            + plan.path("conversation").asText()
            + "\",\"dryRun\":false,\"confirm\":true}");
  }
}
