package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.Workload;
import dev.aino.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DocumentCodecTest {
  @Test
  void aDocumentHoldsTheObjectWithoutItsRevisionAndReadsBackAtTheModRevision() {
    Workload web = Fixtures.workload("web").withRevision(12);

    byte[] document = DocumentCodec.encode(web);
    String text = new String(document, StandardCharsets.UTF_8);

    assertThat(text).startsWith("{\"schemaVersion\":1,\"object\":{").doesNotContain("revision");
    assertThat(DocumentCodec.decode(Workload.class, document, 40)).isEqualTo(web.withRevision(40));
  }

  @Test
  void theApiFormStillCarriesTheRevision() {
    assertThat(Json.tree(Fixtures.workload("web").withRevision(12)).path("revision").asLong())
        .isEqualTo(12);
  }

  @Test
  void fieldsMayComeInAnyOrderAndUnknownOnesAreSkipped() {
    String object =
        new String(DocumentCodec.encode(Fixtures.instance("web", "a")), StandardCharsets.UTF_8);
    String body = object.substring(object.indexOf("\"object\":") + 9, object.length() - 1);
    String reordered = "{\"by\":{\"x\":[1]},\"object\":" + body + ",\"schemaVersion\":1}";

    Instance read = DocumentCodec.decode(Instance.class, bytes(reordered), 3);

    assertThat(read).isEqualTo(Fixtures.instance("web", "a").withRevision(3));
  }

  @Test
  void aWorkloadStoredBeforeManagersWereRecordedReadsAsManagedByNoOneAndShared() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode stored =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            Json.mapper().readTree(DocumentCodec.encode(Fixtures.workload("web")));
    com.fasterxml.jackson.databind.node.ObjectNode object =
        (com.fasterxml.jackson.databind.node.ObjectNode) stored.get("object");
    object.remove("manager");
    object.remove("ownership");
    assertThat(object.has("spec")).isTrue();

    Workload read =
        DocumentCodec.decode(Workload.class, Json.mapper().writeValueAsBytes(stored), 7);

    assertThat(read.manager()).isNull();
    assertThat(read.ownership()).isEqualTo(dev.aino.model.Ownership.SHARED);
    assertThat(read).isEqualTo(Fixtures.workload("web").withRevision(7));
    Workload managed = read.withManager("alice", dev.aino.model.Ownership.STRICT);
    assertThat(DocumentCodec.decode(Workload.class, DocumentCodec.encode(managed), 8))
        .isEqualTo(managed.withRevision(8));
  }

  @Test
  void aNodeStoredBeforeRegistrationTimesWereRecordedStillReads() {
    String stored =
        "{\"schemaVersion\":1,\"object\":{\"name\":\"n1\",\"address\":\"\",\"labels\":{},"
            + "\"capacity\":{\"cpuMillis\":1000,\"memoryMiB\":1024},\"status\":\"READY\","
            + "\"schedulable\":true,\"lastHeartbeat\":\"2026-01-01T00:00:00Z\"}}";

    Node read = DocumentCodec.decode(Node.class, bytes(stored), 5);

    assertThat(read.registeredAt()).isNull();
    assertThat(read.lastHeartbeat()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(read.revision()).isEqualTo(5);
  }

  @Test
  void whatIsNotAValidDocumentOfAKnownVersionIsRefusedNamingTheReason() {
    assertThatThrownBy(() -> DocumentCodec.decode(Instance.class, bytes("{not json"), 1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> DocumentCodec.decode(Instance.class, bytes("[1]"), 1))
        .hasMessageContaining("not an aino document");
    assertThatThrownBy(
            () -> DocumentCodec.decode(Instance.class, bytes("{\"schemaVersion\":1}"), 1))
        .hasMessageContaining("not an aino document");
    assertThatThrownBy(
            () ->
                DocumentCodec.decode(
                    Instance.class, bytes("{\"schemaVersion\":2,\"object\":{}}"), 1))
        .hasMessageContaining("schemaVersion")
        .hasMessageContaining("got 2");
    assertThatThrownBy(
            () ->
                DocumentCodec.decode(
                    Instance.class,
                    bytes(
                        "{\"schemaVersion\":1,\"object\":{\"id\":\"web-d\",\"workload\":\"web\","
                            + "\"generation\":-4}}"),
                    1))
        .hasMessageContaining("generation");
  }

  @Test
  void theSchemaVersionMustBeOneItKnowsAndComeAsANumber() {
    String object =
        new String(DocumentCodec.encode(Fixtures.workload("web")), StandardCharsets.UTF_8);
    String body = object.substring(object.indexOf("\"object\":") + 9, object.length() - 1);

    // Version 0, below the first; and what is no number at all reads as -1.
    for (String version : new String[] {"0", "-1", "\"x\""}) {
      String document = "{\"schemaVersion\":" + version + ",\"object\":" + body + "}";
      String got = version.equals("0") ? "0" : "-1";
      assertThatThrownBy(() -> DocumentCodec.decode(Workload.class, bytes(document), 1))
          .as(version)
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.field()).isEqualTo("schemaVersion"))
          .hasMessageContaining("must be 1..1 (a newer aino wrote it?), got " + got);
    }
    assertThatThrownBy(
            () -> DocumentCodec.decode(Workload.class, bytes("{\"object\":" + body + "}"), 1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("got -1");
    assertThat(
            DocumentCodec.decode(
                Workload.class, bytes("{\"schemaVersion\":1,\"object\":" + body + "}"), 2))
        .isEqualTo(Fixtures.workload("web").withRevision(2));
  }

  @Test
  void anObjectThatIsNotAJsonObjectIsNotADocument() {
    for (String object : new String[] {"5", "[]", "\"web\"", "null"}) {
      for (String document :
          new String[] {
            "{\"schemaVersion\":1,\"object\":" + object + "}",
            "{\"object\":" + object + ",\"schemaVersion\":1}"
          }) {
        assertThatThrownBy(() -> DocumentCodec.decode(Workload.class, bytes(document), 1))
            .as(document)
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEmpty())
            .hasMessageContaining("is not an aino document");
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
