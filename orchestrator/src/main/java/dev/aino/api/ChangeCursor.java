package dev.aino.api;

import dev.aino.error.ValidationException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a {@link ChangeFeed} follower is: for each followed kind, the {@link Position} of the last
 * change of that kind it has seen. One position per kind, because the store orders each kind's
 * changes but does not merge the kinds in one global order: a follower that stops and starts again
 * resumes every kind after its own position, and so sees each later change once, none twice.
 *
 * <p>Written {@code workload:41,instance:57.2,event:40} (the kinds in {@link ChangeKind} order):
 * {@code 41} is "every change up to revision 41", {@code 57.2} "every change before revision 57 and
 * the first 2 of it". The count matters because one commit changes several objects at one revision
 * (a scale creates its instances together); a follower that stopped between them must get the rest,
 * not skip the revision. {@link #toString()} writes it and {@link #parse} reads it.
 *
 * @param positions for each followed kind, what was seen of it
 */
public record ChangeCursor(Map<ChangeKind, Position> positions) {
  /** Longer than any cursor of four kinds at 19-digit revisions. */
  static final int MAX_LENGTH = 200;

  private static final Pattern POSITION = Pattern.compile("([0-9]{1,19})(?:\\.([0-9]{1,9}))?");

  /**
   * What was seen of one kind.
   *
   * @param revision the revision of the last change seen (0: none yet)
   * @param changes how many changes of {@code revision} were seen; 0 means all of them
   */
  public record Position(long revision, int changes) {
    public Position {
      if (revision < 0 || changes < 0) {
        throw new ValidationException(
            "position", "must not be negative, got " + revision + "." + changes);
      }
    }

    /** The revision to watch from (inclusive). */
    public long resumeFrom() {
      return changes == 0 ? revision + 1 : revision;
    }

    @Override
    public String toString() {
      return changes == 0 ? Long.toString(revision) : revision + "." + changes;
    }
  }

  public ChangeCursor {
    if (positions == null || positions.isEmpty()) {
      throw new ValidationException("kinds", "must name at least one kind");
    }
    for (Map.Entry<ChangeKind, Position> e : positions.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new ValidationException("positions", "needs a kind and a position for each kind");
      }
    }
    positions = Collections.unmodifiableMap(new EnumMap<>(positions));
  }

  /** Every kind of {@code kinds} seen up to {@code revision}: follow from {@code revision + 1}. */
  public static ChangeCursor after(Set<ChangeKind> kinds, long revision) {
    Position position = new Position(revision, 0);
    Map<ChangeKind, Position> positions = new EnumMap<>(ChangeKind.class);
    kinds.forEach(k -> positions.put(k, position));
    return new ChangeCursor(positions);
  }

  /** The kinds this follows. */
  public Set<ChangeKind> kinds() {
    return positions.keySet();
  }

  /** What was seen of {@code kind}. */
  public Position position(ChangeKind kind) {
    Position position = positions.get(kind);
    if (position == null) {
      throw new IllegalArgumentException("the cursor does not follow " + kind);
    }
    return position;
  }

  /** The highest revision seen of any kind. */
  public long highest() {
    return positions.values().stream().mapToLong(Position::revision).max().orElse(0);
  }

  /** This cursor after one more change of {@code kind}, at {@code revision}. */
  public ChangeCursor advance(ChangeKind kind, long revision) {
    Position last = position(kind);
    if (revision < last.resumeFrom()) {
      throw new IllegalArgumentException(
          "a change of " + kind + " at " + revision + " is before the cursor's " + last);
    }
    Map<ChangeKind, Position> next = new EnumMap<>(positions);
    next.put(
        kind,
        revision == last.revision()
            ? new Position(revision, last.changes() + 1)
            : new Position(revision, 1));
    return new ChangeCursor(next);
  }

  /**
   * Reads a cursor as {@link #toString()} writes it; {@code field} names where it came from in the
   * error (e.g. the {@code Last-Event-ID} header). Refuses an unknown kind, a kind given twice, a
   * position that is not {@code REVISION} or {@code REVISION.CHANGES}, and anything else.
   */
  public static ChangeCursor parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException(field, "is empty; give kind:revision pairs, e.g. workload:41");
    }
    if (text.length() > MAX_LENGTH) {
      throw new ValidationException(
          field, "is " + text.length() + " characters long; a cursor has at most " + MAX_LENGTH);
    }
    Map<ChangeKind, Position> positions = new EnumMap<>(ChangeKind.class);
    for (String pair : text.split(",", -1)) {
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new ValidationException(
            field, "has \"" + pair + "\" where kind:revision belongs, e.g. workload:41");
      }
      String name = pair.substring(0, colon);
      String position = pair.substring(colon + 1);
      ChangeKind kind = ChangeKind.ofWireName(name);
      if (kind == null) {
        throw new ValidationException(
            field, "names the unknown kind \"" + name + "\"; the kinds are " + wireNames());
      }
      if (positions.containsKey(kind)) {
        throw new ValidationException(field, "names " + name + " twice");
      }
      positions.put(kind, position(field, name, position));
    }
    return new ChangeCursor(positions);
  }

  private static Position position(String field, String kind, String text) {
    Matcher m = POSITION.matcher(text);
    if (!m.matches()) {
      throw new ValidationException(
          field,
          "has \""
              + text
              + "\" as the position of "
              + kind
              + "; give a revision, or revision.changes as in 57.2");
    }
    long revision;
    try {
      revision = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new ValidationException(
          field, "has " + m.group(1) + " as the revision of " + kind + ", which is too large");
    }
    int changes = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    if (m.group(2) != null && changes == 0) {
      throw new ValidationException(
          field, "has \"" + text + "\" for " + kind + "; the count after the dot is 1 or more");
    }
    return new Position(revision, changes);
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
    positions.forEach((kind, position) -> text.add(kind.wireName() + ":" + position));
    return text.toString();
  }
}
