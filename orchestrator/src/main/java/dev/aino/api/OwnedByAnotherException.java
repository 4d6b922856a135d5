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
    this(
        manager,
        caller
            + " may not "
            + what
            + ": it is managed by "
            + manager
            + " with strict ownership; ask "
            + manager
            + ", or force the change (REST ?force=true, MCP force, CLI --force)");
  }

  private OwnedByAnotherException(String manager, String message) {
    super(ErrorCode.OWNED_BY_ANOTHER, message);
    this.manager = manager;
  }

  /**
   * A manual scale of a strictly owned workload whose replicas the autoscaler manages.
   *
   * @param policy the autoscale policy, described
   */
  public static OwnedByAnotherException replicasOfAutoscaled(
      String workload, String policy, String caller) {
    return new OwnedByAnotherException(
        "the autoscaler",
        caller
            + " may not scale workload "
            + workload
            + " by hand: the autoscaler manages its replicas ("
            + policy
            + ") and it has strict ownership; change the autoscale policy instead, or force the"
            + " scale (REST ?force=true, MCP force, CLI --force)");
  }

  /** The caller that manages the workload. */
  public String manager() {
    return manager;
  }
}
