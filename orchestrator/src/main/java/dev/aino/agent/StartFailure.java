package dev.aino.agent;

import dev.aino.image.ImagePullErrors;
import dev.aino.model.InstanceReasons;

/**
 * Why a container could not start, as an instance's reason and message: {@code ImagePullFailed}
 * with the image error when the image is at fault (so {@code aino ps} and an agent see at once that
 * the image, not the program, is the problem), else {@code StartFailed} with the runtime's message.
 *
 * @param reason CamelCase reason
 * @param message what failed
 */
record StartFailure(String reason, String message) {
  static final String IMAGE_PULL_FAILED = InstanceReasons.IMAGE_PULL_FAILED;

  /** Classifies a runtime's start failure by the image error in its cause chain, if any. */
  static StartFailure of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String text = t.getMessage();
      if (text != null && text.startsWith(ImagePullErrors.PREFIX)) {
        return new StartFailure(IMAGE_PULL_FAILED, text.substring(ImagePullErrors.PREFIX.length()));
      }
    }
    return new StartFailure(Transitions.START_FAILED, String.valueOf(failure.getMessage()));
  }

  /** Whether the image, not the runtime, failed. */
  boolean isImagePull() {
    return reason.equals(IMAGE_PULL_FAILED);
  }

  /**
   * What a back-off message says caused it: {@code start failed: <message>}, or {@code
   * ImagePullFailed: <message>}.
   */
  String describe() {
    return (reason.equals(Transitions.START_FAILED) ? "start failed" : reason) + ": " + message;
  }
}
