package dev.aino.store.spi;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A stored key and its value, as a backend returns it. The value may be fetched lazily: a read
 * whose object is already decoded (cached by key and mod revision) never asks for it, so a backend
 * whose client holds the bytes in its own buffers (etcd) need not copy them for every entry.
 */
public final class KvEntry {
  private final String key;
  private final long modRevision;
  private final Object decoded;
  private byte[] value;
  private Supplier<byte[]> valueSource;

  /**
   * @param key full key below the backend's root, e.g. {@code workloads/web}
   * @param value the encoded document
   * @param modRevision revision of the last write to the key
   * @param decoded the object {@code value} encodes when the backend still holds it, else null
   */
  public KvEntry(String key, byte[] value, long modRevision, Object decoded) {
    this.key = Objects.requireNonNull(key, "key");
    this.value = Objects.requireNonNull(value, "value");
    this.modRevision = modRevision;
    this.decoded = decoded;
  }

  public KvEntry(String key, byte[] value, long modRevision) {
    this(key, value, modRevision, null);
  }

  private KvEntry(String key, Supplier<byte[]> valueSource, long modRevision) {
    this.key = Objects.requireNonNull(key, "key");
    this.valueSource = Objects.requireNonNull(valueSource, "valueSource");
    this.modRevision = modRevision;
    this.decoded = null;
  }

  /**
   * An entry whose value {@code valueSource} produces when first asked for, on the reading thread.
   */
  public static KvEntry lazy(String key, long modRevision, Supplier<byte[]> valueSource) {
    return new KvEntry(key, valueSource, modRevision);
  }

  /** Full key below the backend's root. */
  public String key() {
    return key;
  }

  /** The encoded document. An entry is read by one thread, so this needs no lock. */
  public byte[] value() {
    if (value == null) {
      value = valueSource.get();
      valueSource = null;
    }
    return value;
  }

  /** Revision of the last write to the key. */
  public long modRevision() {
    return modRevision;
  }

  /** The object the value encodes when the backend still holds it, else null. */
  public Object decoded() {
    return decoded;
  }

  @Override
  public String toString() {
    return "KvEntry[" + key + "@" + modRevision + "]";
  }
}
