package dev.aino.image;

import dev.aino.error.ValidationException;
import dev.aino.image.oci.Descriptor;
import dev.aino.image.oci.Digest;
import dev.aino.image.oci.ImageConfigs;
import dev.aino.image.oci.ImageIndex;
import dev.aino.image.oci.ImageManifest;
import dev.aino.image.oci.Manifest;
import dev.aino.image.oci.Manifests;
import dev.aino.image.oci.MediaTypes;
import dev.aino.image.oci.Platform;
import dev.aino.image.store.BlobCache;
import dev.aino.image.store.BlobSource;
import dev.aino.image.store.LayerCache;
import dev.aino.model.ImageReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What registries and image layouts have in common once the top manifest is read: pick this node's
 * platform from an index, read the configuration, unpack the layers into the shared cache.
 */
final class ImageAssembler {
  /** Reads a manifest that an index names, verified against the descriptor. */
  @FunctionalInterface
  interface ManifestReader {
    byte[] read(Descriptor manifest);
  }

  private final BlobCache blobs;
  private final LayerCache layers;
  private final Platform platform;

  ImageAssembler(BlobCache blobs, LayerCache layers, Platform platform) {
    this.blobs = blobs;
    this.layers = layers;
    this.platform = platform;
  }

  /**
   * Builds the prepared image from its top manifest (an image or an index).
   *
   * @param digest the top manifest's digest
   * @param children reads the manifest an index entry names
   * @param source the blobs (configuration and layers)
   */
  PreparedImage assemble(
      ImageReference image,
      Manifest top,
      Digest digest,
      ManifestReader children,
      BlobSource source) {
    Manifest manifest = top;
    Digest manifestDigest = digest;
    if (manifest instanceof ImageIndex index) {
      Descriptor chosen =
          index
              .select(platform)
              .orElseThrow(
                  () ->
                      ImagePullErrors.failed(
                          "no "
                              + platform
                              + " image in "
                              + image
                              + " (it has "
                              + index.platforms()
                              + ")"));
      manifest = parse(children.read(chosen), chosen.mediaType(), chosen.digest(), image);
      manifestDigest = chosen.digest();
    }
    if (!(manifest instanceof ImageManifest imageManifest)) {
      throw ImagePullErrors.failed(
          "the " + platform + " entry of " + image + " is another index, not an image");
    }
    Descriptor config = imageManifest.config();
    if (!config.mediaType().isEmpty() && !MediaTypes.IMAGE_CONFIGS.contains(config.mediaType())) {
      throw ImagePullErrors.failed(
          image + " is not a container image: its config is " + config.mediaType());
    }
    ImageConfig imageConfig;
    try {
      imageConfig = ImageConfigs.parse(blobs.get(config, "config", source));
    } catch (ValidationException e) {
      throw ImagePullErrors.failed(
          "malformed config " + config.digest() + " of " + image + ": " + e.getMessage());
    }
    if (imageManifest.layers().isEmpty()) {
      throw ImagePullErrors.failed(image + " has no layers");
    }
    List<Path> dirs = new ArrayList<>();
    for (Descriptor layer : imageManifest.layers()) {
      dirs.add(layers.get(layer, source));
    }
    return new PreparedImage(image, manifestDigest.toString(), dirs, imageConfig);
  }

  /** Parses a manifest, naming it and the image in the error. */
  static Manifest parse(byte[] body, String mediaType, Digest digest, ImageReference image) {
    try {
      return Manifests.parse(body, mediaType);
    } catch (ValidationException e) {
      throw ImagePullErrors.failed(
          "malformed manifest " + digest + " of " + image + ": " + e.getMessage());
    }
  }
}
