package dev.aino.store.spi;

/**
 * A stored key and its value, as a backend returns it.
 *
 * @param key full key below the backend's root, e.g. {@code workloads/web}
 * @param value the encoded document
 * @param modRevision revision of the last write to the key
 * @param decoded the object {@code value} encodes when the backend still holds it, else null
 */
public record KvEntry(String key, byte[] value, long modRevision, Object decoded) {
  public KvEntry(String key, byte[] value, long modRevision) {
    this(key, value, modRevision, null);
  }
}
