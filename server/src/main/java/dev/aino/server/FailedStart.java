package dev.aino.server;

/**
 * Releases what a start built before it failed: each part that was made is closed in the order
 * given, and a part that fails to close is kept as a suppressed exception of the failure, so the
 * cause the caller reports stays the first one.
 */
public final class FailedStart {
  private FailedStart() {}

  /**
   * Closes the parts that are not null, in order, and returns {@code failure} to rethrow.
   *
   * @param failure why the start failed
   * @param parts what was built, null where the start did not get that far
   */
  public static RuntimeException release(RuntimeException failure, AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
    return failure;
  }
}
