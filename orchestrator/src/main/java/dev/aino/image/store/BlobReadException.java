package dev.aino.image.store;

import java.io.IOException;

/**
 * Reading a blob from its source failed (as opposed to writing it to the store): a broken or
 * stalled download, which a retry may fix.
 */
final class BlobReadException extends IOException {
  private static final long serialVersionUID = 1L;

  BlobReadException(IOException cause) {
    super(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
  }
}
