package dev.aino.api;

import dev.aino.error.ValidationException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Where a {@link ChangeFeed} follower is: for each followed kind, the last store revision whose
 * changes of that kind it has seen. One revision per kind, because the store orders each kind's
 * changes but does not merge the kinds in one global order: a follower that stops and starts again
 * resumes every kind after its own revision, and so sees each later change once, none twice.
 *
 * <p>Written {@code workload:41,instance:57,event:40} (the kinds in {@link ChangeKind} order),
 * which is what {@link #toString()} gives and {@link #parse} reads back.
 *
 * @param seen for each followed kind, the last revision seen (0: none yet)
 */
public record ChangeCursor(Map<ChangeKind, Long> seen) {
  /** Longer than any cursor of four kinds at 19-digit revisions. */
  static final int MAX_LENGTH = 200;

  private static final Pattern REVISION = Pattern.compile("[0-9]{1,19}");

  public ChangeCursor {
    if (seen == null || seen.isEmpty()) {
      throw new ValidationException("kinds", "must name at least one kind");
    }
    for (Map.Entry<ChangeKind, Long> e : seen.entrySet()) {
      if (e.getKey() == null || e.getValue() == null || e.getValue() < 0) {
        throw new ValidationException(
            "seen",
            "needs a kind and a revision of 0 or more, got " + e.getKey() + "=" + e.getValue());
      }
    }
    seen = Collections.unmodifiableMap(new EnumMap<>(seen));
  }

  /** Every kind of {@code kinds} seen up to {@code revision}: follow from {@code revision + 1}. */
  public static ChangeCursor after(Set<ChangeKind> kinds, long revision) {
    if (revision < 0) {
      throw new ValidationException("revision", "must not be negative, got " + revision);
    }
    Map<ChangeKind, Long> seen = new EnumMap<>(ChangeKind.class);
    kinds.forEach(k -> seen.put(k, revision));
    return new ChangeCursor(seen);
  }

  /** The kinds this follows. */
  public Set<ChangeKind> kinds() {
    return seen.keySet();
  }

  /** The revision to follow {@code kind} from (inclusive). */
  public long resumeFrom(ChangeKind kind) {
    Long last = seen.get(kind);
    if (last == null) {
      throw new IllegalArgumentException("the cursor does not follow " + kind);
    }
    return last + 1;
  }

  /** The highest revision seen of any kind. */
  public long highest() {
    return seen.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** This cursor with {@code kind} seen up to {@code revision}. */
  public ChangeCursor advance(ChangeKind kind, long revision) {
    if (!seen.containsKey(kind)) {
      throw new IllegalArgumentException("the cursor does not follow " + kind);
    }
    Map<ChangeKind, Long> next = new EnumMap<>(seen);
    next.merge(kind, revision, Math::max);
    return new ChangeCursor(next);
  }

  /**
   * Reads a cursor as {@link #toString()} writes it; {@code field} names where it came from in the
   * error (e.g. the {@code Last-Event-ID} header). Refuses an unknown kind, a kind given twice, a
   * revision that is not a whole number of 0 or more, and anything else.
   */
  public static ChangeCursor parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException(field, "is empty; give kind:revision pairs, e.g. workload:41");
    }
    if (text.length() > MAX_LENGTH) {
      throw new ValidationException(
          field, "is " + text.length() + " characters long; a cursor has at most " + MAX_LENGTH);
    }
    Map<ChangeKind, Long> seen = new EnumMap<>(ChangeKind.class);
    for (String pair : text.split(",", -1)) {
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new ValidationException(
            field, "has \"" + pair + "\" where kind:revision belongs, e.g. workload:41");
      }
      String name = pair.substring(0, colon);
      String revision = pair.substring(colon + 1);
      ChangeKind kind = ChangeKind.ofWireName(name);
      if (kind == null) {
        throw new ValidationException(
            field, "names the unknown kind \"" + name + "\"; the kinds are " + wireNames());
      }
      if (seen.containsKey(kind)) {
        throw new ValidationException(field, "names " + name + " twice");
      }
      if (!REVISION.matcher(revision).matches()) {
        throw new ValidationException(
            field, "has \"" + revision + "\" as the revision of " + name + "; give a whole number");
      }
      try {
        seen.put(kind, Long.parseLong(revision));
      } catch (NumberFormatException e) {
        throw new ValidationException(
            field, "has " + revision + " as the revision of " + name + ", which is too large");
      }
    }
    return new ChangeCursor(seen);
  }

  /** e.g. {@code workload, instance, event, node} */
  public static String wireNames() {
    StringJoiner names = new StringJoiner(", ");
    for (ChangeKind kind : ChangeKind.values()) {
      names.add(kind.wireName());
    }
    return names.toString();
  }

  @Override
  public String toString() {
    StringJoiner text = new StringJoiner(",");
    seen.forEach((kind, revision) -> text.add(kind.wireName() + ":" + revision));
    return text.toString();
  }
}
