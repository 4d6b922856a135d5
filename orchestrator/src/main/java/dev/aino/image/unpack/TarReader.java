package dev.aino.image.unpack;

import java.io.IOException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The reading side of unpacking: every failure to read the (decompressed) tar stream comes out as a
 * {@link LayerReadException}, so it is never taken for a failure to write the unpacked files.
 */
final class TarReader {
  private final TarArchiveInputStream tar;

  TarReader(TarArchiveInputStream tar) {
    this.tar = tar;
  }

  /** The next entry, or null at the end of the archive. */
  TarArchiveEntry next() throws LayerReadException {
    try {
      return tar.getNextEntry();
    } catch (IOException e) {
      throw new LayerReadException("it is not a valid tar archive: " + describe(e), e);
    }
  }

  /** Reads the current entry's data; -1 at its end. */
  int read(byte[] buffer) throws LayerReadException {
    try {
      return tar.read(buffer, 0, buffer.length);
    } catch (IOException e) {
      throw new LayerReadException("its tar data is broken: " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
