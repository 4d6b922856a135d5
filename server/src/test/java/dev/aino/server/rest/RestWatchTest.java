package dev.aino.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.server.AinoServer;
import dev.aino.server.testing.HttpProbe;
import dev.aino.server.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The change feed on SQLite, and what the route refuses: bad parameters and ids (400 naming them),
 * a caller without a token (401); and the resync that ends a stream whose cursor the store cannot
 * serve.
 */
class RestWatchTest extends WatchStreamContract {
  @Override
  AinoServer start(Path dataDir) {
    return TestServer.start(dataDir, TOKENS, "--store", "sqlite");
  }

  private String refusal(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    JsonNode error = HttpProbe.json(response).path("error");
    assertThat(error.path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    return error.path("message").asText();
  }

  @Test
  void badParametersAndIdsAreRefusedByName() throws Exception {
    assertThat(refusal(reader.get("/api/v1/watch?kinds=workload,bogus")))
        .isEqualTo(
            "kinds: names the unknown kind \"bogus\"; the kinds are workload, instance, event,"
                + " node");
    assertThat(refusal(reader.get("/api/v1/watch?kinds=workload,,event")))
        .startsWith("kinds: has an empty kind");
    assertThat(refusal(reader.get("/api/v1/watch?kinds=event,event")))
        .isEqualTo("kinds: names event twice");
    assertThat(refusal(reader.get("/api/v1/watch?kinds=event&kinds=node")))
        .isEqualTo("kinds: is given 2 times; give it once");
    assertThat(refusal(reader.get("/api/v1/watch?since=abc")))
        .isEqualTo("since: must be a store revision (a whole number of 1 or more), got \"abc\"");
    assertThat(refusal(reader.get("/api/v1/watch?since=0"))).startsWith("since: must be 1 or more");
    assertThat(refusal(reader.get("/api/v1/watch?since=99999999999999999999")))
        .isEqualTo(
            "since: must be a store revision (a whole number of 1 or more), got"
                + " \"99999999999999999999\"");
    assertThat(refusal(reader.get("/api/v1/watch?sicne=4")))
        .isEqualTo("sicne: is not a parameter of this route; it takes kinds, since");

    HttpProbe withId = reader.withHeader("Last-Event-ID", "workload:x");
    assertThat(refusal(withId.get("/api/v1/watch?kinds=workload")))
        .isEqualTo(
            "Last-Event-ID: has \"x\" as the position of workload; give a revision, or"
                + " revision.changes as in 57.2");
    assertThat(
            refusal(
                reader
                    .withHeader("Last-Event-ID", "workload:3,pod:4")
                    .get("/api/v1/watch?kinds=workload")))
        .startsWith("Last-Event-ID: names the unknown kind \"pod\"");
    assertThat(
            refusal(
                reader
                    .withHeader("Last-Event-ID", "workload:3,workload:4")
                    .get("/api/v1/watch?kinds=workload")))
        .isEqualTo("Last-Event-ID: names workload twice");
    assertThat(
            refusal(
                reader
                    .withHeader("Last-Event-ID", "workload:3")
                    .get("/api/v1/watch?kinds=workload,event")))
        .isEqualTo(
            "Last-Event-ID: follows workload but kinds asks for workload,event; reconnect with"
                + " the kinds the id came from");
  }

  @Test
  void aCallerWithoutATokenIsRefused() throws Exception {
    HttpResponse<String> response = new HttpProbe(server.baseUri()).get("/api/v1/watch");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
  }

  @Test
  void aCursorTheStoreCannotServeEndsTheStreamWithAResync() throws Exception {
    // A revision the store has not reached: an id from another store (or one whose data was lost).
    HttpResponse<String> response = reader.get("/api/v1/watch?kinds=workload&since=999999999");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("event: resync\ndata: {\"kind\":\"workload\",\"revision\":")
        .contains("it comes from another store");
  }
}
