package dev.aino.image;

import dev.aino.error.ValidationException;
import dev.aino.image.oci.Descriptor;
import dev.aino.image.oci.Digest;
import dev.aino.image.registry.FetchedManifest;
import dev.aino.image.registry.RegistryClient;
import dev.aino.image.store.BlobCache;
import dev.aino.model.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Images from registries. A tag is resolved at the registry unless it was within the last few
 * seconds (see {@link TagResolutions}: tags move); manifests are cached by digest, so an image
 * pinned by digest whose manifests are cached needs no registry. An image assembled once is kept by
 * its digest: starting another container of it costs a few {@code stat}s, not reading, hashing and
 * parsing its manifest and config again.
 */
final class RegistrySource {
  /** Distinct image digests remembered; a node rarely runs more, and a miss only costs a parse. */
  private static final int MAX_ASSEMBLED = 256;

  private final Map<Digest, PreparedImage> assembled =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Digest, PreparedImage> eldest) {
              return size() > MAX_ASSEMBLED;
            }
          });
  private final RegistryClient client;
  private final BlobCache blobs;
  private final ImageAssembler assembler;
  private final TagResolutions tags;

  RegistrySource(
      RegistryClient client, BlobCache blobs, ImageAssembler assembler, TagResolutions tags) {
    this.client = client;
    this.blobs = blobs;
    this.assembler = assembler;
    this.tags = tags;
  }

  PreparedImage prepare(ImageReference image) {
    Optional<Digest> pinned = pinnedDigest(image).or(() -> tags.fresh(image));
    Optional<PreparedImage> known = pinned.flatMap(this::stillUnpacked);
    if (known.isPresent()) {
      PreparedImage prepared = known.get();
      return prepared.reference().equals(image)
          ? prepared
          : new PreparedImage(image, prepared.digest(), prepared.layers(), prepared.config());
    }
    byte[] body;
    String mediaType;
    Digest digest;
    Optional<byte[]> cached = pinned.flatMap(blobs::cached);
    if (cached.isPresent()) {
      body = cached.get();
      mediaType = "";
      digest = pinned.get();
    } else {
      FetchedManifest fetched = client.fetchManifest(image, image.reference());
      body = fetched.body();
      mediaType = fetched.contentType();
      digest = fetched.digest();
      blobs.putVerified(digest, body);
      if (image.digest() == null) {
        tags.resolved(image, digest);
      }
    }
    PreparedImage prepared =
        assembler.assemble(
            image,
            ImageAssembler.parse(body, mediaType, digest, image),
            digest,
            entry -> child(image, entry),
            blob -> client.openBlob(image, blob));
    assembled.put(digest, prepared);
    return prepared;
  }

  /** The image assembled earlier for {@code digest}, unless a layer directory went missing. */
  private Optional<PreparedImage> stillUnpacked(Digest digest) {
    PreparedImage prepared = assembled.get(digest);
    if (prepared == null) {
      return Optional.empty();
    }
    for (Path layer : prepared.layers()) {
      if (!Files.isDirectory(layer)) {
        assembled.remove(digest);
        return Optional.empty();
      }
    }
    return Optional.of(prepared);
  }

  private byte[] child(ImageReference image, Descriptor entry) {
    Optional<byte[]> cached = blobs.cached(entry.digest());
    if (cached.isPresent()) {
      return cached.get();
    }
    FetchedManifest fetched = client.fetchManifest(image, entry.digest().toString());
    blobs.putVerified(fetched.digest(), fetched.body());
    return fetched.body();
  }

  private static Optional<Digest> pinnedDigest(ImageReference image) {
    if (image.digest() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse("digest", image.digest()));
    } catch (ValidationException e) {
      throw ImagePullErrors.failed(
          "cannot verify " + image + ": only sha256 digests are supported");
    }
  }
}
