package dev.aino.image.oci;

import dev.aino.error.ValidationException;
import java.util.List;

/**
 * One image: its configuration blob and its layers, base layer first.
 *
 * @param mediaType OCI or Docker schema 2 manifest
 * @param config the image configuration blob
 * @param layers the filesystem layers, lowest first
 */
public record ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers)
    implements Manifest {
  public ImageManifest {
    if (config == null) {
      throw new ValidationException("config", "is required");
    }
    layers = List.copyOf(layers);
  }
}
