package dev.aino.image.store;

import dev.aino.error.AinoException;
import dev.aino.image.ImagePullErrors;
import dev.aino.image.oci.Descriptor;
import java.io.IOException;

/** Turns the I/O failures of fetching a blob into image errors that say which side failed. */
final class Failures {
  private Failures() {}

  /**
   * A failure while fetching {@code blob}: its source broke off (retryable) or the store could not
   * be written.
   */
  static AinoException of(IOException e, String what, Descriptor blob, ImageStore store) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BlobReadException) {
        return ImagePullErrors.unavailable(
            "reading " + what + " " + blob.digest() + " broke off: " + t.getMessage(), e);
      }
    }
    return ImagePullErrors.failed(
        "cannot store " + what + " " + blob.digest() + " under " + store.root() + ": " + e, e);
  }

  /** Whether {@code e} comes from reading the blob's source rather than from the store. */
  static boolean isReadFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BlobReadException) {
        return true;
      }
    }
    return false;
  }

  /** The source could not be opened at all. */
  static AinoException opening(IOException e, String what, Descriptor blob) {
    return ImagePullErrors.unavailable(
        "cannot fetch " + what + " " + blob.digest() + ": " + describe(e), e);
  }

  static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
