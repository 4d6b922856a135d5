package dev.aino.image;

import dev.aino.model.ImageReference;

/**
 * Turns an image reference into unpacked, read-only layers on this node. Implementations pull from
 * registries, read OCI image-layout directories, or use a plain root directory; they share layers
 * by digest and never unpack one twice at once.
 */
public interface ImageService {
  /**
   * Makes the image available locally.
   *
   * @throws dev.aino.error.AinoException {@code RUNTIME_FAILURE} (or {@code UNAVAILABLE} when a
   *     registry cannot be reached) whose message starts with what failed, e.g. {@code
   *     ImagePullFailed: manifest unknown for 127.0.0.1:5000/nope:latest}
   */
  PreparedImage prepare(ImageReference image);
}
