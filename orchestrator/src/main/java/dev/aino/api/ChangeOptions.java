package dev.aino.api;

import dev.aino.model.Ownership;
import dev.aino.model.Validate;

/**
 * The conditions and ownership of one change of a workload, besides what it changes.
 *
 * @param expectedGeneration change only if the workload is still at this generation; null: any
 * @param force make the change even when another caller manages the workload strictly (the change
 *     still records a {@code ManagerOverride} event)
 * @param manager for an apply: the manager to record, instead of the caller (null: the caller on
 *     create, unchanged on update)
 * @param ownership for an apply: how the manager holds the workload from now on (null: {@link
 *     Ownership#SHARED} on create, unchanged on update)
 */
public record ChangeOptions(
    Long expectedGeneration, boolean force, String manager, Ownership ownership) {
  /** No condition, not forced, ownership as it is. */
  public static final ChangeOptions NONE = new ChangeOptions(null, false, null, null);

  public ChangeOptions {
    if (manager != null) {
      Validate.nonBlank("manager", manager);
      Validate.range("manager", manager.length(), 1, 64);
    }
  }

  /** Only if the workload is at {@code generation} (null: any). */
  public static ChangeOptions expecting(Long generation) {
    return new ChangeOptions(generation, false, null, null);
  }

  /** The same options, forced or not. */
  public ChangeOptions forced(boolean forced) {
    return new ChangeOptions(expectedGeneration, forced, manager, ownership);
  }

  /** The same options with a manager and ownership to record on apply. */
  public ChangeOptions managedBy(String newManager, Ownership newOwnership) {
    return new ChangeOptions(expectedGeneration, force, newManager, newOwnership);
  }
}
