package dev.aino.image;

import dev.aino.image.oci.Digest;
import dev.aino.model.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Plain root directories ({@code rootfs:/dir}), for development: the directory itself is the one
 * layer, the configuration is empty, and the digest is that of the directory's path (its content is
 * not hashed, so changing it changes no digest).
 */
final class RootfsSource {
  PreparedImage prepare(ImageReference image) {
    Path dir = Path.of(image.repository());
    if (!Files.isDirectory(dir)) {
      throw ImagePullErrors.failed("rootfs " + dir + " does not exist or is not a directory");
    }
    String absolute = dir.toAbsolutePath().toString();
    return new PreparedImage(
        image, Digest.ofUtf8(absolute).toString(), List.of(dir), ImageConfig.EMPTY);
  }
}
