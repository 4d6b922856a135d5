package dev.aino.image.unpack;

import dev.aino.image.ImagePullErrors;
import dev.aino.image.oci.Digest;
import java.util.ArrayList;
import java.util.List;

/** The components of a tar entry name, refusing names that could leave the layer directory. */
final class EntryPath {
  private EntryPath() {}

  /**
   * Splits {@code name} into components, dropping empty and {@code .} ones; an empty list is the
   * layer's root.
   *
   * @throws dev.aino.error.AinoException for absolute names, {@code ..} components and NUL bytes
   */
  static List<String> parse(String name, Digest layer, String role) {
    if (name.startsWith("/")) {
      throw escape(layer, role, name, "is absolute");
    }
    if (name.indexOf('\0') >= 0) {
      throw escape(layer, role, name, "contains a NUL byte");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw escape(layer, role, name, "has a '..' component");
      }
      parts.add(part);
    }
    return parts;
  }

  static dev.aino.error.AinoException escape(
      Digest layer, String role, String name, String reason) {
    return ImagePullErrors.failed(
        "layer "
            + layer
            + ": "
            + role
            + " \""
            + clip(name)
            + "\" "
            + reason
            + " (path escape refused)");
  }

  static String clip(String name) {
    String printable = name.replace('\0', '?');
    return printable.length() <= 200 ? printable : printable.substring(0, 200) + "...";
  }
}
