package dev.aino.store.spi;

/**
 * A batch's precondition failed; nothing was written. Checked so that every backend must decide
 * what it throws.
 */
public final class KvConflictException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int opIndex;
  private final long actualRevision;

  /**
   * @param opIndex index of the first op whose precondition failed
   * @param actualRevision the key's mod revision, 0 when absent
   */
  public KvConflictException(int opIndex, long actualRevision) {
    super("precondition of op " + opIndex + " failed (stored revision " + actualRevision + ")");
    this.opIndex = opIndex;
    this.actualRevision = actualRevision;
  }

  public int opIndex() {
    return opIndex;
  }

  public long actualRevision() {
    return actualRevision;
  }
}
