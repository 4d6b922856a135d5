package dev.aino.store.spi;

/**
 * A committed change as a watch sees it.
 *
 * @param key full key below the backend's root
 * @param value new document, or null for a delete
 * @param revision the revision of the commit
 */
public record KvChange(String key, byte[] value, long revision) {
  public boolean isDelete() {
    return value == null;
  }
}
