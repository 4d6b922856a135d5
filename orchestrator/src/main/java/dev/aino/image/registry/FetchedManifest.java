package dev.aino.image.registry;

import dev.aino.image.oci.Digest;

/**
 * A manifest or index as a registry served it, its digest checked.
 *
 * @param body the exact bytes (the digest covers them)
 * @param contentType the media type it was served with, without parameters
 * @param digest the SHA-256 of {@code body}
 */
public record FetchedManifest(byte[] body, String contentType, Digest digest) {
  public FetchedManifest {
    body = body.clone();
    contentType = contentType == null ? "" : contentType;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
