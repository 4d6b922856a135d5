package dev.aino.runtime.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.json.Json;
import dev.aino.runtime.host.ContainerRecord;
import dev.aino.runtime.host.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Which container a bundle holds and how its root filesystem was made, so a restarted agent can
 * tell. Kept as annotations of the bundle's {@code config.json} (the OCI runtime shows them in its
 * {@code state}, so {@code runc --root ... state ID} names the instance too), not in a file of its
 * own: one file fewer to create on every start.
 *
 * @param containerId the container's id in the OCI runtime
 * @param instanceId the instance it runs
 * @param cgroupsPath the {@code linux.cgroupsPath} it was given
 * @param rootfs {@code overlay} or {@code copy}
 * @param createdAt when the bundle was made
 */
record BundleRecord(
    String containerId, String instanceId, String cgroupsPath, String rootfs, Instant createdAt)
    implements ContainerRecord {
  private static final String PREFIX = "dev.aino.";
  static final String CONTAINER_ID = PREFIX + "container-id";
  static final String INSTANCE_ID = PREFIX + "instance-id";
  static final String CGROUPS_PATH = PREFIX + "cgroups-path";
  static final String ROOTFS = PREFIX + "rootfs";
  static final String CREATED_AT = PREFIX + "created-at";

  /** Adds this record to {@code config}'s annotations. */
  void annotate(ObjectNode config) {
    JsonNode existing = config.get("annotations");
    ObjectNode annotations =
        existing instanceof ObjectNode object ? object : config.putObject("annotations");
    annotations.put(CONTAINER_ID, containerId);
    annotations.put(INSTANCE_ID, instanceId);
    annotations.put(CGROUPS_PATH, cgroupsPath);
    annotations.put(ROOTFS, rootfs);
    annotations.put(CREATED_AT, createdAt.toString());
  }

  /**
   * The record of the bundle; empty when it has none that can be read (a start that failed before
   * its {@code config.json} was complete). Bundles made by an earlier aino keep it in {@code
   * container.json}, which is read when {@code config.json} has none.
   */
  static Optional<BundleRecord> read(Bundle bundle) {
    Optional<BundleRecord> annotated = fromConfig(bundle);
    if (annotated.isPresent()) {
      return annotated;
    }
    return JsonFiles.read(bundle.dir().resolve("container.json"), BundleRecord.class);
  }

  private static Optional<BundleRecord> fromConfig(Bundle bundle) {
    JsonNode annotations;
    try {
      annotations = Json.mapper().readTree(Files.readAllBytes(bundle.config())).path("annotations");
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // torn: the start that wrote it did not get further
    }
    String containerId = annotations.path(CONTAINER_ID).asText("");
    String instanceId = annotations.path(INSTANCE_ID).asText("");
    if (containerId.isEmpty() || instanceId.isEmpty()) {
      return Optional.empty();
    }
    Instant createdAt;
    try {
      createdAt = Instant.parse(annotations.path(CREATED_AT).asText(""));
    } catch (DateTimeParseException e) {
      createdAt = null;
    }
    return Optional.of(
        new BundleRecord(
            containerId,
            instanceId,
            annotations.path(CGROUPS_PATH).asText(""),
            annotations.path(ROOTFS).asText(""),
            createdAt));
  }
}
