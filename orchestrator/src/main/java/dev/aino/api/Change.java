package dev.aino.api;

import dev.aino.error.ValidationException;

/**
 * One change a {@link ChangeFeed} follows: an object of {@code kind} was put or deleted at {@code
 * revision}, or ({@link Type#RELIST}) the feed cannot go on from where it was.
 *
 * @param kind what changed
 * @param type put, delete or relist
 * @param revision the store revision of the change; for a relist the store's current revision
 * @param name the object's name (an instance's id; an event's store key, e.g. {@code
 *     workload/web/ScalingReplicaSet}); null for a relist
 * @param object the object as written by a put; null for a delete or a relist
 * @param reason why a relist is needed; null otherwise
 */
public record Change(
    ChangeKind kind, Type type, long revision, String name, Object object, String reason) {
  /** What happened. */
  public enum Type {
    /** The object was created or replaced. */
    PUT,
    /** The object was deleted. */
    DELETE,
    /**
     * The feed ended because it cannot continue from its cursor (the revision was compacted away,
     * or the follower fell behind): list again, then follow from the list's revision.
     */
    RELIST
  }

  public Change {
    if (kind == null || type == null) {
      throw new ValidationException(kind == null ? "kind" : "type", "is required");
    }
    if (revision < 0) {
      throw new ValidationException("revision", "must not be negative, got " + revision);
    }
    if (type == Type.RELIST ? reason == null : name == null) {
      throw new ValidationException(
          type == Type.RELIST ? "reason" : "name", "is required for a " + type + " change");
    }
    if (type == Type.PUT && object == null) {
      throw new ValidationException("object", "is required for a PUT change");
    }
  }

  /** An object put at {@code revision}. */
  public static Change put(ChangeKind kind, long revision, String name, Object object) {
    return new Change(kind, Type.PUT, revision, name, object, null);
  }

  /** An object deleted at {@code revision}. */
  public static Change delete(ChangeKind kind, long revision, String name) {
    return new Change(kind, Type.DELETE, revision, name, null, null);
  }

  /** The feed of {@code kind} ended; the store is at {@code revision}. */
  public static Change relist(ChangeKind kind, long revision, String reason) {
    return new Change(kind, Type.RELIST, revision, null, null, reason);
  }
}
