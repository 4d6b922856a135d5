package dev.aino.image.store;

import dev.aino.image.ImagePullErrors;
import dev.aino.image.oci.Descriptor;
import dev.aino.image.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Small verified blobs (manifests, image configurations) kept by digest. Layers go to {@link
 * LayerCache} instead, which keeps them unpacked.
 */
public final class BlobCache {
  /** Configurations and manifests are kilobytes; anything far larger is not what it claims. */
  public static final long MAX_BLOB_BYTES = 16L * 1024 * 1024;

  private final ImageStore store;
  private final SingleFlight<Digest, byte[]> downloads = new SingleFlight<>();

  public BlobCache(ImageStore store) {
    this.store = store;
  }

  /** The blob's bytes when it is cached. */
  public Optional<byte[]> cached(Digest digest) {
    try {
      return Optional.of(Files.readAllBytes(store.blobPath(digest)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cached blob " + digest, e);
    }
  }

  /**
   * The blob's bytes: from the cache, else fetched from {@code source} (once, however many callers
   * ask at the same time), verified and cached.
   *
   * @param what how errors name it, e.g. {@code config}
   */
  public byte[] get(Descriptor blob, String what, BlobSource source) {
    Optional<byte[]> hit = cached(blob.digest());
    if (hit.isPresent()) {
      return hit.get();
    }
    if (blob.size() > MAX_BLOB_BYTES) {
      throw ImagePullErrors.failed(
          what + " " + blob.digest() + " is " + blob.size() + " bytes, more than aino reads");
    }
    return downloads.run(
        blob.digest(), () -> cached(blob.digest()).orElseGet(() -> download(blob, what, source)));
  }

  /** Caches bytes whose digest the caller has already checked (a manifest it just verified). */
  public void putVerified(Digest digest, byte[] bytes) {
    if (Files.exists(store.blobPath(digest))) {
      return;
    }
    try {
      Path temp = store.newTempFile("blob");
      Files.write(temp, bytes);
      store.publish(temp, store.blobPath(digest));
    } catch (IOException e) {
      throw ImagePullErrors.failed("cannot cache " + digest + " under " + store.root(), e);
    }
  }

  private byte[] download(Descriptor blob, String what, BlobSource source) {
    InputStream raw;
    try {
      raw = source.open(blob);
    } catch (IOException e) {
      throw Failures.opening(e, what, blob);
    }
    Path temp = null;
    try (VerifyingInputStream in = new VerifyingInputStream(raw, blob, what)) {
      temp = store.newTempFile("blob");
      try (OutputStream out = Files.newOutputStream(temp)) {
        in.transferTo(out);
      }
      in.verify();
      store.publish(temp, store.blobPath(blob.digest()));
      temp = null;
      return Files.readAllBytes(store.blobPath(blob.digest()));
    } catch (IOException e) {
      throw Failures.of(e, what, blob, store);
    } finally {
      if (temp != null) {
        ImageStore.deleteQuietly(temp);
      }
    }
  }
}
