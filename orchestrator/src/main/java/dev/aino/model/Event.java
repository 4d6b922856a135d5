package dev.aino.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.aino.api.Caller;
import dev.aino.error.ValidationException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Something that happened to an object, in words a person can act on. Repeats of the same reason on
 * the same object fold into one event whose count grows and whose message is the latest, so a crash
 * loop is one line that says how often, not a thousand.
 *
 * @param object what it is about
 * @param type normal or warning
 * @param reason CamelCase cause, e.g. {@code FailedScheduling}
 * @param message the detail, e.g. {@code 0/5 nodes fit: 3 insufficient memory, 2 not ready}
 * @param count how many times it happened
 * @param firstSeen first occurrence
 * @param lastSeen latest occurrence
 * @param revision store revision
 * @param actor who caused it through a surface (name, role and surface), for the events a caller's
 *     change causes; null for the control plane's own events and for events stored before callers
 *     were recorded
 */
public record Event(
    ObjectRef object,
    EventType type,
    String reason,
    String message,
    long count,
    Instant firstSeen,
    Instant lastSeen,
    long revision,
    Caller actor)
    implements StoredObject<Event> {

  private static final Pattern REASON = Pattern.compile("[A-Z][A-Za-z0-9]{0,127}");

  @JsonCreator
  public Event {
    Validate.required("object", object);
    type = type == null ? EventType.NORMAL : type;
    Validate.required("reason", reason);
    if (!REASON.matcher(reason).matches()) {
      throw new ValidationException(
          "reason", "must be CamelCase letters and digits, got \"" + Validate.clip(reason) + "\"");
    }
    message = Validate.text("message", message == null ? "" : message);
    Validate.range("count", count, 1, Long.MAX_VALUE);
    Validate.required("firstSeen", firstSeen);
    lastSeen = lastSeen == null ? firstSeen : lastSeen;
  }

  /** An event nobody in particular caused (the control plane's own). */
  public Event(
      ObjectRef object,
      EventType type,
      String reason,
      String message,
      long count,
      Instant firstSeen,
      Instant lastSeen,
      long revision) {
    this(object, type, reason, message, count, firstSeen, lastSeen, revision, null);
  }

  /** A first occurrence that the control plane caused. */
  public static Event of(
      ObjectRef object, EventType type, String reason, String message, Instant at) {
    return of(object, type, reason, message, at, null);
  }

  /** A first occurrence that {@code actor} caused (null: the control plane). */
  public static Event of(
      ObjectRef object, EventType type, String reason, String message, Instant at, Caller actor) {
    return new Event(object, type, reason, message, 1, at, at, 0, actor);
  }

  /** Whether the caller named {@code name} caused this event (its latest occurrence). */
  public boolean causedBy(String name) {
    return actor != null && actor.name().equals(name);
  }

  /** Events of one object share this key prefix. */
  public static String keyPrefix(ObjectRef object) {
    return object.kind() + "/" + object.name() + "/";
  }

  @Override
  public String storeKey() {
    return keyPrefix(object) + reason;
  }

  @Override
  public Event withRevision(long revision) {
    return new Event(object, type, reason, message, count, firstSeen, lastSeen, revision, actor);
  }

  /**
   * This event happening once more, with the latest message, type and actor: the event says who
   * caused its latest occurrence.
   */
  public Event repeated(EventType type, String message, Instant at, Caller by) {
    return new Event(object, type, reason, message, count + 1, firstSeen, at, revision, by);
  }
}
