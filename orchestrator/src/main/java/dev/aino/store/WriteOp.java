package dev.aino.store;

import dev.aino.model.StoredObject;

/**
 * One write in an atomic batch ({@link StateStore#commit}). Either every op of a batch applies, at
 * one new store revision, or none does.
 */
public sealed interface WriteOp {
  /** A write that stores an object (every op but a delete), for code that needs only the object. */
  sealed interface ObjectWrite extends WriteOp permits Create, Update, Put {
    StoredObject<?> object();
  }

  /** Creates; fails with ALREADY_EXISTS when the key is taken. */
  record Create(StoredObject<?> object) implements ObjectWrite {}

  /** Replaces the object if its stored revision still equals {@code object.revision()}. */
  record Update(StoredObject<?> object) implements ObjectWrite {}

  /** Creates or replaces unconditionally. */
  record Put(StoredObject<?> object) implements ObjectWrite {}

  /**
   * Deletes; {@code expectedRevision} {@link StateStore#ANY_REVISION} deletes whatever is there,
   * any other value only that revision. Fails with NOT_FOUND when nothing is there.
   */
  record Delete(ObjectKind<?> kind, String key, long expectedRevision) implements WriteOp {}

  static WriteOp create(StoredObject<?> object) {
    return new Create(object);
  }

  static WriteOp update(StoredObject<?> object) {
    return new Update(object);
  }

  static WriteOp put(StoredObject<?> object) {
    return new Put(object);
  }

  static WriteOp delete(StoredObject<?> object) {
    return new Delete(ObjectKind.of(object.getClass()), object.storeKey(), object.revision());
  }
}
