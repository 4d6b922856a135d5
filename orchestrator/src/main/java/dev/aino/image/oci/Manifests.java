package dev.aino.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import java.util.ArrayList;
import java.util.List;

/** Reads manifest and index documents. */
public final class Manifests {
  private Manifests() {}

  /**
   * Parses a manifest or index. The document's own {@code mediaType} decides; without one, the
   * {@code Content-Type} it was served with; without that, its shape ({@code manifests} or {@code
   * layers}).
   *
   * @param contentType the media type it was served or described with, may be null
   * @throws ValidationException naming the offending field when it is not a usable manifest
   */
  public static Manifest parse(byte[] body, String contentType) {
    JsonNode root = JsonDocuments.object(body);
    JsonNode schema = root.get("schemaVersion");
    if (schema != null && schema.asInt() == 1) {
      throw new ValidationException(
          "schemaVersion", "Docker schema 1 manifests are not supported; push the image again");
    }
    String mediaType = Descriptor.text(root, "mediaType");
    if (mediaType == null || mediaType.isBlank()) {
      mediaType = stripParameters(contentType);
    }
    boolean index =
        MediaTypes.OCI_INDEX.equals(mediaType)
            || MediaTypes.DOCKER_MANIFEST_LIST.equals(mediaType)
            || (!isImageManifest(mediaType) && root.has("manifests"));
    if (index) {
      return new ImageIndex(
          mediaType.isEmpty() ? MediaTypes.OCI_INDEX : mediaType, descriptors(root, "manifests"));
    }
    if (!isImageManifest(mediaType) && !root.has("layers")) {
      throw new ValidationException(
          "mediaType", "\"" + mediaType + "\" is neither an image manifest nor an index");
    }
    return new ImageManifest(
        mediaType.isEmpty() ? MediaTypes.OCI_MANIFEST : mediaType,
        Descriptor.fromJson(root.get("config"), "config"),
        descriptors(root, "layers"));
  }

  private static boolean isImageManifest(String mediaType) {
    return MediaTypes.OCI_MANIFEST.equals(mediaType)
        || MediaTypes.DOCKER_MANIFEST.equals(mediaType);
  }

  private static List<Descriptor> descriptors(JsonNode root, String field) {
    JsonNode list = root.get(field);
    if (list == null || !list.isArray()) {
      throw new ValidationException(field, "must be a list");
    }
    List<Descriptor> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(Descriptor.fromJson(list.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  /** {@code application/json; charset=utf-8} becomes {@code application/json}; null becomes "". */
  static String stripParameters(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
  }
}
