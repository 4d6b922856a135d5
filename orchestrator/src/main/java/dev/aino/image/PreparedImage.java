package dev.aino.image;

import dev.aino.model.ImageReference;
import dev.aino.model.Validate;
import java.nio.file.Path;
import java.util.List;

/**
 * An image ready to run: its layers as read-only directories, lowest first (the order of overlayfs
 * {@code lowerdir} reversed), and its configuration.
 *
 * @param reference what was asked for
 * @param digest the manifest digest it resolved to ({@code sha256:...}); for a plain root
 *     directory, a digest of its path
 * @param layers unpacked layer directories, lowest (base) first; never written to
 * @param config entrypoint, command, environment, working directory and user from the image
 */
public record PreparedImage(
    ImageReference reference, String digest, List<Path> layers, ImageConfig config) {
  public PreparedImage {
    Validate.required("reference", reference);
    Validate.nonBlank("digest", digest);
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new dev.aino.error.ValidationException("layers", "an image has at least one layer");
    }
    config = config == null ? ImageConfig.EMPTY : config;
  }
}
