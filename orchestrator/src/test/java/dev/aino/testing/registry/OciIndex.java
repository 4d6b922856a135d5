package dev.aino.testing.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.image.oci.MediaTypes;
import dev.aino.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A multi-platform image: an OCI index (or Docker manifest list) with one image per architecture,
 * all for linux.
 *
 * @param index the index blob
 * @param images the images by architecture (GOARCH spelling)
 */
public record OciIndex(Blob index, Map<String, OciImage> images) {
  public OciIndex {
    images = Map.copyOf(images);
  }

  /** An OCI index of {@code images} (architecture → image), in the given order. */
  public static OciIndex of(Map<String, OciImage> images) {
    return build(images, MediaTypes.OCI_INDEX);
  }

  /** A Docker manifest list of {@code images}. */
  public static OciIndex dockerList(Map<String, OciImage> images) {
    return build(images, MediaTypes.DOCKER_MANIFEST_LIST);
  }

  private static OciIndex build(Map<String, OciImage> images, String mediaType) {
    ObjectNode index = Json.mapper().createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", mediaType);
    ArrayNode manifests = index.putArray("manifests");
    for (Map.Entry<String, OciImage> e : images.entrySet()) {
      ObjectNode d = e.getValue().manifest().descriptor();
      ObjectNode platform = d.putObject("platform");
      platform.put("architecture", e.getKey());
      platform.put("os", "linux");
      manifests.add(d);
    }
    return new OciIndex(new Blob(mediaType, Json.encode(index)), new LinkedHashMap<>(images));
  }

  /** Writes an OCI image layout with this index tagged {@code tag}. */
  public void writeLayout(Path dir, String tag) {
    List<Blob> all = new ArrayList<>();
    for (OciImage image : images.values()) {
      all.addAll(image.blobs());
      all.add(image.manifest());
    }
    all.add(index);
    ObjectNode entry = index.descriptor();
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
    OciImage.Layouts.write(dir, all, List.of(entry));
  }
}
