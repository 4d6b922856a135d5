package dev.aino.api;

import dev.aino.store.ObjectKind;
import java.util.Locale;

/**
 * The kinds of stored object a {@link ChangeFeed} can follow, with their names on the wire ({@code
 * workload}, as in {@code ?kinds=workload,instance}).
 */
public enum ChangeKind {
  WORKLOAD(ObjectKind.WORKLOADS),
  INSTANCE(ObjectKind.INSTANCES),
  EVENT(ObjectKind.EVENTS),
  NODE(ObjectKind.NODES);

  private final ObjectKind<?> storeKind;

  ChangeKind(ObjectKind<?> storeKind) {
    this.storeKind = storeKind;
  }

  /** The store kind this follows. */
  public ObjectKind<?> storeKind() {
    return storeKind;
  }

  /** e.g. {@code workload} */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code text} exactly as {@link #wireName()} spells it, or null. */
  public static ChangeKind ofWireName(String text) {
    for (ChangeKind kind : values()) {
      if (kind.wireName().equals(text)) {
        return kind;
      }
    }
    return null;
  }
}
