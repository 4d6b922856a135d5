package dev.aino.store.spi;

/**
 * A committed change as a watch sees it.
 *
 * @param key full key below the backend's root
 * @param value new document, or null for a delete
 * @param revision the revision of the commit
 * @param decoded the object {@code value} encodes when the writer was in this process, else null
 */
public record KvChange(String key, byte[] value, long revision, Object decoded) {
  public KvChange(String key, byte[] value, long revision) {
    this(key, value, revision, null);
  }

  public boolean isDelete() {
    return value == null;
  }
}
