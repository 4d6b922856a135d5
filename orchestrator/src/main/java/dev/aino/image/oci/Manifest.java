package dev.aino.image.oci;

/** What a manifest reference resolves to: one image, or an index of images per platform. */
public sealed interface Manifest permits ImageManifest, ImageIndex {
  /** The manifest's media type. */
  String mediaType();
}
