package dev.aino.store;

/**
 * What a watch delivers, in store-revision order.
 *
 * @param <T> the watched kind's record type
 */
public sealed interface WatchEvent<T> {
  /** The store revision of the change. */
  long revision();

  /** The object was created or replaced; it carries its new revision. */
  record Put<T>(T object, long revision) implements WatchEvent<T> {}

  /** The object under {@code key} was deleted at {@code revision}. */
  record Delete<T>(String key, long revision) implements WatchEvent<T> {}

  /**
   * The watch cannot continue from where it was (the revision was compacted away, or the watcher
   * fell too far behind). The watch has ended; list again and watch from the list's revision + 1.
   */
  record Relist<T>(String reason, long revision) implements WatchEvent<T> {}
}
