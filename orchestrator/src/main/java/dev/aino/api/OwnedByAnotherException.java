package dev.aino.api;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;

/**
 * A change of a workload that another caller manages strictly ({@code --strict-ownership}), made
 * without {@code force}: refused before anything was written, naming the manager, so that two
 * agents driving one workload do not overwrite each other silently.
 */
public final class OwnedByAnotherException extends AinoException {
  private static final long serialVersionUID = 1L;

  private final String manager;

  /**
   * @param what what was asked, e.g. {@code scale web}
   * @param manager who manages it
   * @param caller who asked
   */
  public OwnedByAnotherException(String what, String manager, String caller) {
    super(
        ErrorCode.OWNED_BY_ANOTHER,
        caller
            + " may not "
            + what
            + ": it is managed by "
            + manager
            + " with strict ownership; ask "
            + manager
            + ", or force the change (REST ?force=true, MCP force, CLI --force)");
    this.manager = manager;
  }

  /** The caller that manages the workload. */
  public String manager() {
    return manager;
  }
}
