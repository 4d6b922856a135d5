package dev.aino.image.unpack;

import dev.aino.image.ImagePullErrors;
import dev.aino.image.oci.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a layer blob (a tar, gzip-compressed or not) into an empty directory in overlayfs form.
 * The compression is read from the blob's first bytes rather than trusted from its media type,
 * which some registries get wrong.
 */
public final class LayerUnpacker {
  private static final byte[] GZIP = {0x1f, (byte) 0x8b};
  private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
  private static final byte[] BZIP2 = {'B', 'Z', 'h'};
  private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

  private final boolean privileged;

  /**
   * @param privileged whether this process runs as root: owners are set, device nodes made and
   *     set-user-ID bits kept only then
   */
  public LayerUnpacker(boolean privileged) {
    this.privileged = privileged;
  }

  /** An unpacker privileged when this process runs as root. */
  public static LayerUnpacker forThisProcess() {
    return new LayerUnpacker(runsAsRoot());
  }

  /** Whether this process's effective user is root. */
  public static boolean runsAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Unpacks {@code blob} into {@code dir}. Reads the tar up to its end marker only; the caller
   * reads whatever follows (to finish hashing the blob) and closes the stream.
   *
   * @throws LayerReadException when the blob is not a (gzip-compressed) tar or its source failed
   * @throws IOException when the files cannot be written
   * @throws dev.aino.error.AinoException {@code ImagePullFailed: ...} for an unsupported
   *     compression or an entry that would escape {@code dir}
   */
  public void unpack(InputStream blob, Path dir, Digest layer) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(blob, 64 * 1024);
    InputStream tarStream = decompressed(buffered, layer);
    TarReader tar =
        new TarReader(new TarArchiveInputStream(tarStream, StandardCharsets.UTF_8.name()));
    try (LayerWriter writer = new LayerWriter(dir, layer, privileged)) {
      TarArchiveEntry entry;
      while ((entry = tar.next()) != null) {
        writer.write(entry, tar);
      }
      writer.finish();
    }
  }

  private static InputStream decompressed(BufferedInputStream in, Digest layer)
      throws LayerReadException {
    byte[] head;
    try {
      in.mark(16);
      head = in.readNBytes(6);
      in.reset();
    } catch (IOException e) {
      throw new LayerReadException("cannot read it: " + e.getMessage(), e);
    }
    if (startsWith(head, GZIP)) {
      try {
        // Some tools write a layer as several gzip members; read them all.
        return GzipCompressorInputStream.builder()
            .setInputStream(in)
            .setDecompressConcatenated(true)
            .get();
      } catch (IOException e) {
        throw new LayerReadException("its gzip header is broken: " + e.getMessage(), e);
      }
    }
    String refused =
        startsWith(head, ZSTD)
            ? "zstd"
            : startsWith(head, BZIP2) ? "bzip2" : startsWith(head, XZ) ? "xz" : null;
    if (refused != null) {
      throw ImagePullErrors.failed(
          "layer "
              + layer
              + " is "
              + refused
              + "-compressed; aino unpacks gzip and uncompressed layers only");
    }
    return in;
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
  }
}
