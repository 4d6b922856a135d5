package dev.aino.image.store;

import dev.aino.image.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;

/** Where a blob's bytes come from: a registry, or an OCI image layout on disk. */
@FunctionalInterface
public interface BlobSource {
  /**
   * Opens the blob's content as stored at the source, unverified: the caller checks its size and
   * digest while reading.
   *
   * @throws dev.aino.error.AinoException when the source refuses (e.g. blob unknown)
   * @throws IOException when it cannot be reached
   */
  InputStream open(Descriptor blob) throws IOException;
}
