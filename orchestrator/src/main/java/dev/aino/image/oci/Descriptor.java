package dev.aino.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A reference to content by digest, as in manifests and indexes.
 *
 * @param mediaType what the content is
 * @param digest its SHA-256
 * @param size its length in bytes
 * @param platform for index entries, what it runs on; null otherwise
 * @param annotations free-form metadata, e.g. {@code org.opencontainers.image.ref.name}
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    Platform platform,
    Map<String, String> annotations) {
  /** The annotation an OCI image layout names a tag with. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  public Descriptor {
    mediaType = mediaType == null ? "" : mediaType;
    if (digest == null) {
      throw new ValidationException("digest", "is required");
    }
    if (size < 0) {
      throw new ValidationException("size", "must be >= 0, got " + size);
    }
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** The tag an OCI image layout gives this entry, or null. */
  public String refName() {
    return annotations.get(REF_NAME);
  }

  /** Reads a descriptor object; errors name {@code field}. */
  static Descriptor fromJson(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw new ValidationException(field, "must be an object");
    }
    Digest digest = Digest.parse(field + ".digest", text(node, "digest"));
    JsonNode size = node.get("size");
    if (size == null || !size.canConvertToLong()) {
      throw new ValidationException(field + ".size", "must be a number of bytes");
    }
    Platform platform = null;
    JsonNode p = node.get("platform");
    if (p != null && p.isObject()) {
      platform = new Platform(text(p, "os"), text(p, "architecture"), text(p, "variant"));
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    JsonNode a = node.get("annotations");
    if (a != null && a.isObject()) {
      a.properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    }
    return new Descriptor(text(node, "mediaType"), digest, size.asLong(), platform, annotations);
  }

  static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }
}
