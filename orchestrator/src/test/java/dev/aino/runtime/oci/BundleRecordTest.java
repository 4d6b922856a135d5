package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRecordTest {
  @TempDir Path dir;

  private final BundleRecord record =
      new BundleRecord(
          "web-1-0a1b2c3d",
          "web-1",
          "/aino/web-1-0a1b2c3d",
          "overlay",
          Instant.parse("2026-11-28T10:00:00.123Z"));

  @Test
  void aRecordAnnotatedIntoTheConfigIsReadBackBesideTheConfigsOwnAnnotations() throws IOException {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("ociVersion", "1.0.2");
    config.putObject("annotations").put("org.example.owner", "ops");
    record.annotate(config);
    Files.write(dir.resolve("config.json"), Json.mapper().writeValueAsBytes(config));

    assertThat(BundleRecord.read(new Bundle(dir))).contains(record);
    assertThat(config.path("annotations").path("org.example.owner").asText()).isEqualTo("ops");
  }

  @Test
  void aTornOrUnannotatedConfigIsNoRecord() throws IOException {
    assertThat(BundleRecord.read(new Bundle(dir))).isEmpty();

    Files.writeString(dir.resolve("config.json"), "{\"ociVersion\": \"1.0.2\", \"annot");
    assertThat(BundleRecord.read(new Bundle(dir))).isEmpty();

    Files.writeString(dir.resolve("config.json"), "{\"ociVersion\": \"1.0.2\"}");
    assertThat(BundleRecord.read(new Bundle(dir))).isEmpty();
  }

  @Test
  void aBundleOfAnEarlierAinoIsReadFromItsContainerJson() throws IOException {
    Files.write(dir.resolve("container.json"), Json.mapper().writeValueAsBytes(record));

    assertThat(BundleRecord.read(new Bundle(dir))).contains(record);
  }
}
