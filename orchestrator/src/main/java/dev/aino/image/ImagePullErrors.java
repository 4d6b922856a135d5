package dev.aino.image;

import dev.aino.error.AinoException;
import dev.aino.error.RuntimeFailureException;
import dev.aino.error.UnavailableException;

/**
 * The errors of getting an image. Every message starts with {@value #PREFIX} and then says what
 * failed, so a person or agent reading an instance's reason sees at once that the image, not the
 * container, is the problem.
 */
public final class ImagePullErrors {
  /** The start of every image error message. */
  public static final String PREFIX = "ImagePullFailed: ";

  private ImagePullErrors() {}

  /** A failure that retrying unchanged will not fix: missing image, bad content, bad config. */
  public static AinoException failed(String what) {
    return new RuntimeFailureException(PREFIX + what);
  }

  /** As {@link #failed(String)}, keeping the cause for logs. */
  public static AinoException failed(String what, Throwable cause) {
    return new RuntimeFailureException(PREFIX + what, cause);
  }

  /** A registry or download that could not be reached or broke off; a retry may succeed. */
  public static AinoException unavailable(String what, Throwable cause) {
    return new UnavailableException(PREFIX + what, cause);
  }
}
