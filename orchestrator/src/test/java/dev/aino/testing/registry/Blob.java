package dev.aino.testing.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.image.oci.Digest;
import dev.aino.json.Json;

/**
 * Content with its media type, as pushed to a registry or written to an image layout.
 *
 * @param mediaType what it is
 * @param bytes its exact bytes
 */
public record Blob(String mediaType, byte[] bytes) {
  public Digest digest() {
    return Digest.of(bytes);
  }

  /** Its descriptor as JSON: {@code mediaType}, {@code digest}, {@code size}. */
  public ObjectNode descriptor() {
    ObjectNode d = Json.mapper().createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", digest().toString());
    d.put("size", bytes.length);
    return d;
  }
}
