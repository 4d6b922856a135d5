package dev.aino.image.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import java.io.IOException;

/** Reads the JSON documents of the image format, refusing anything but a JSON object. */
final class JsonDocuments {
  private JsonDocuments() {}

  static JsonNode object(byte[] body) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new ValidationException("", "is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ValidationException("", "is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ValidationException("", "must be a JSON object");
    }
    return root;
  }
}
