package dev.aino.store;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;

/**
 * A control-plane write refused because the term it carries is no longer the leader's: another
 * server has been elected since (or this one never led). Nothing of the batch was written. The
 * caller stops acting as the control plane; retrying with the same term can never succeed.
 */
public final class FencedWriteException extends AinoException {
  private static final long serialVersionUID = 1L;

  public FencedWriteException(String message) {
    super(ErrorCode.FAILED_PRECONDITION, message);
  }
}
