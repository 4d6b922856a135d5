package dev.aino.store;

import dev.aino.model.StoredObject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoded objects by key and mod revision, so that lists and watches decode a document once rather
 * than on every read: a key holds one object, valid only at the revision it was stored at; any
 * other revision is a miss. Records are immutable, so readers share what it holds.
 *
 * <p>Bounded by the size of the documents it stands for (a decoded object takes about twice its
 * JSON). When a new key would pass the bound the cache is emptied and fills again: that also drops
 * the keys that other writers deleted, which this process never hears of unless it watches them.
 */
final class DecodedCache {
  /** At most an eighth of the heap, and never more than 256 MiB of documents. */
  static final long DEFAULT_MAX_BYTES =
      Math.min(256L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8);

  private final long maxBytes;
  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();

  /**
   * @param object as decoded or written; its own revision may lag {@code revision} (a write's
   *     object is cached before the store stamps it), which {@link #get} then stamps on first use
   */
  private record Slot(long revision, StoredObject<?> object, int size) {}

  /**
   * @param maxBytes the most document bytes the cached objects may stand for
   */
  DecodedCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The object stored under {@code key} at {@code revision}, or null when not cached. */
  <T extends StoredObject<T>> T get(Class<T> type, String key, long revision) {
    Slot slot = slots.get(key);
    if (slot == null || slot.revision != revision || !type.isInstance(slot.object)) {
      return null;
    }
    T object = type.cast(slot.object);
    if (object.revision() != revision) {
      object = object.withRevision(revision);
      slots.replace(key, slot, new Slot(revision, object, slot.size));
    }
    return object;
  }

  /**
   * Remembers {@code object} as the one stored under {@code key} at {@code revision}.
   *
   * @param documentSize the size of its stored document, what the bound counts
   */
  void put(String key, long revision, StoredObject<?> object, int documentSize) {
    if (documentSize > maxBytes) {
      return;
    }
    Slot fresh = new Slot(revision, object, documentSize);
    slots.compute(
        key,
        (k, old) -> {
          if (old != null && old.revision > revision) {
            return old; // a slower reader must not put back an older revision
          }
          bytes.addAndGet(documentSize - (old == null ? 0 : old.size));
          return fresh;
        });
    if (bytes.get() > maxBytes) {
      clear();
    }
  }

  /** Forgets {@code key}, which was deleted. */
  void remove(String key) {
    Slot old = slots.remove(key);
    if (old != null) {
      bytes.addAndGet(-old.size);
    }
  }

  /** Empties the cache; concurrent puts may survive it, and are still counted. */
  private void clear() {
    for (String key : slots.keySet()) {
      remove(key);
    }
  }

  /** How many objects it holds. */
  int size() {
    return slots.size();
  }
}
