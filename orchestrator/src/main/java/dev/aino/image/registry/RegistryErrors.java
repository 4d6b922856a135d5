package dev.aino.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.AinoException;
import dev.aino.image.ImagePullErrors;
import dev.aino.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a registry's error responses into image errors: what was asked for, what the registry
 * answered, and the reason from its {@code errors} body when it sent one.
 */
final class RegistryErrors {
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private RegistryErrors() {}

  /**
   * The error for a manifest or blob request that did not succeed.
   *
   * @param what what was asked for: {@code manifest}, or a blob's digest
   * @param image the image reference, as the user wrote it
   */
  static AinoException of(RegistryResponse response, Peer peer, String what, String image) {
    String detail = detail(response);
    int status = response.status();
    String suffix = detail.isEmpty() ? "" : " (" + detail + ")";
    switch (status) {
      case 404:
        return ImagePullErrors.failed(
            what.equals("manifest")
                ? "manifest unknown for " + image
                : "blob unknown: " + what + " of " + image + suffix);
      case 401:
        return ImagePullErrors.failed(
            "unauthorized: " + peer.description() + " refused access to " + image + suffix);
      case 403:
        return ImagePullErrors.failed(
            "denied: " + peer.description() + " refused access to " + image + suffix);
      default:
        String text = peer.description() + " answered " + status + " for " + what + " of " + image;
        if (status == 429 || status >= 500) {
          return ImagePullErrors.unavailable(text + suffix, null);
        }
        return ImagePullErrors.failed(text + suffix);
    }
  }

  /** {@code CODE: message} of each entry of a registry's {@code errors} body, or "". */
  static String detail(RegistryResponse response) {
    byte[] body;
    try {
      body = response.readAll(MAX_ERROR_BODY);
    } catch (IOException e) {
      return "";
    } finally {
      response.close();
    }
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      JsonNode errors = Json.mapper().readTree(body).path("errors");
      List<String> parts = new ArrayList<>();
      for (JsonNode e : errors) {
        String code = e.path("code").asText("");
        String message = e.path("message").asText("");
        parts.add(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message);
      }
      return String.join("; ", parts);
    } catch (IOException e) {
      return "";
    }
  }
}
