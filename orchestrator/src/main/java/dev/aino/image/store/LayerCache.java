package dev.aino.image.store;

import dev.aino.error.AinoException;
import dev.aino.image.ImagePullErrors;
import dev.aino.image.oci.Descriptor;
import dev.aino.image.oci.Digest;
import dev.aino.image.oci.MediaTypes;
import dev.aino.image.unpack.LayerUnpacker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacked layers by the digest of their blob. The blob streams from its source straight into the
 * unpacker while it is hashed, so the compressed blob is never stored; the unpacked directory is
 * published only once the digest matched.
 */
public final class LayerCache {
  private static final Logger LOG = LoggerFactory.getLogger(LayerCache.class);

  private final ImageStore store;
  private final LayerUnpacker unpacker;
  private final SingleFlight<Digest, Path> unpacks = new SingleFlight<>();

  public LayerCache(ImageStore store, LayerUnpacker unpacker) {
    this.store = store;
    this.unpacker = unpacker;
  }

  /** Whether the layer is unpacked already. */
  public boolean has(Digest digest) {
    return Files.isDirectory(store.layerPath(digest));
  }

  /**
   * The layer's unpacked directory: cached, or fetched from {@code source} and unpacked (once,
   * however many callers ask at the same time). Its content must not be changed.
   *
   * @throws dev.aino.error.AinoException {@code ImagePullFailed: ...} for a digest mismatch, an
   *     unsupported compression, a path escape, or a download that failed
   */
  public Path get(Descriptor layer, BlobSource source) {
    Path target = store.layerPath(layer.digest());
    if (Files.isDirectory(target)) {
      return target;
    }
    if (MediaTypes.isZstd(layer.mediaType())) {
      throw ImagePullErrors.failed(
          "layer "
              + layer.digest()
              + " is zstd-compressed ("
              + layer.mediaType()
              + "); aino unpacks gzip and uncompressed layers only");
    }
    return unpacks.run(
        layer.digest(), () -> Files.isDirectory(target) ? target : unpack(layer, source, target));
  }

  private Path unpack(Descriptor layer, BlobSource source, Path target) {
    InputStream raw;
    try {
      raw = source.open(layer);
    } catch (IOException e) {
      throw Failures.opening(e, "layer", layer);
    }
    Path temp = null;
    long started = System.nanoTime();
    try (VerifyingInputStream in = new VerifyingInputStream(raw, layer, "layer")) {
      temp = store.newTempDir("layer-" + layer.digest().shortHex());
      try {
        unpacker.unpack(in, temp, layer.digest());
      } catch (AinoException | IOException e) {
        if (!Failures.isReadFailure(e)) {
          throwIfCorrupt(in);
        }
        throw e;
      }
      in.drain();
      in.verify();
      store.publish(temp, target);
      temp = null;
      LOG.info(
          "unpacked layer {} ({} bytes) in {} ms",
          layer.digest(),
          layer.size(),
          (System.nanoTime() - started) / 1_000_000);
      return target;
    } catch (IOException e) {
      throw Failures.of(e, "layer", layer, store);
    } finally {
      if (temp != null) {
        ImageStore.deleteQuietly(temp);
      }
    }
  }

  /**
   * A corrupt blob usually breaks the gzip or tar format before its digest can be checked; report
   * the mismatch, the real cause, rather than the format error it caused.
   */
  private static void throwIfCorrupt(VerifyingInputStream in) {
    try {
      in.drain();
    } catch (IOException e) {
      return;
    }
    in.verify();
  }
}
