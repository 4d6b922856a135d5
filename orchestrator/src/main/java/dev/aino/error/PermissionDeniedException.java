package dev.aino.error;

/**
 * The caller is known but its role does not allow the request. The message names the caller, its
 * role and what the role may do, so the caller knows whom to ask rather than retrying.
 */
public final class PermissionDeniedException extends AinoException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(ErrorCode.PERMISSION_DENIED, message);
  }
}
