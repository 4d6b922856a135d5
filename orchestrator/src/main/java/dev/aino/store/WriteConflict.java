package dev.aino.store;

import dev.aino.error.AinoException;
import dev.aino.error.AlreadyExistsException;
import dev.aino.error.ConflictException;
import dev.aino.error.NotFoundException;
import dev.aino.model.StoredObject;

/**
 * Turns a backend's failed precondition into the typed error a caller acts on, naming the object by
 * kind and key, so that every backend reports the same conflict in the same words.
 */
final class WriteConflict {
  private WriteConflict() {}

  /**
   * The error for {@code op} failing its precondition: the object already exists (a create), is
   * gone ({@code actual} 0) or was changed since it was read.
   *
   * @param actual the revision the key is at now, 0 when absent
   */
  static AinoException describe(WriteOp op, long actual) {
    String what;
    long expected;
    if (op instanceof WriteOp.Delete d) {
      what = d.kind().singular() + " \"" + d.key() + "\"";
      expected = d.expectedRevision();
    } else {
      StoredObject<?> object = ((WriteOp.ObjectWrite) op).object();
      what = ObjectKind.of(object.getClass()).singular() + " \"" + object.storeKey() + "\"";
      expected = object.revision();
    }
    if (op instanceof WriteOp.Create) {
      return new AlreadyExistsException(what + " already exists");
    }
    if (actual == 0) {
      return new NotFoundException(what + " not found");
    }
    return new ConflictException(
        what
            + " was modified (read at revision "
            + expected
            + ", now at "
            + actual
            + "); read it again and retry");
  }
}
