package dev.aino.image.unpack;

import java.io.IOException;

/**
 * The layer's compressed or tar stream could not be read: broken content, or its source failed
 * (then the source's exception is the cause). Distinct from failures to write the unpacked files.
 */
public final class LayerReadException extends IOException {
  private static final long serialVersionUID = 1L;

  LayerReadException(String message, IOException cause) {
    super(message, cause);
  }
}
