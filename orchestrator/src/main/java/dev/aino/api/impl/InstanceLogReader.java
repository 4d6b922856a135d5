package dev.aino.api.impl;

import dev.aino.api.InstanceLogListener;
import dev.aino.api.InstanceLogSource;
import dev.aino.api.InstanceLogs;
import dev.aino.error.AinoException;
import dev.aino.error.FailedPreconditionException;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Validate;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The facade's side of logs: refuses instances that have no container yet with their phase and
 * reason, and turns a follow into "the selected backlog, then every new line" without repeating a
 * line of the backlog.
 */
final class InstanceLogReader {
  private final InstanceLogSource source;

  InstanceLogReader(InstanceLogSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  InstanceLogs read(Instance instance, LogQuery query) {
    Validate.required("query", query);
    requireStarted(instance);
    return source.read(instance, query);
  }

  LogSubscription follow(Instance instance, LogQuery backlog, InstanceLogListener listener) {
    Objects.requireNonNull(listener, "listener");
    InstanceLogs first = read(instance, backlog);
    first.lines().forEach(listener::line);
    if (instance.phase().isTerminal() || blank(instance.containerId())) {
      listener.ended(null); // an ended container writes nothing more; a restart is a new follow
      return () -> {};
    }
    List<LogLine> sent = first.lines();
    if (sent.isEmpty() && Integer.valueOf(0).equals(backlog.tailLines())) {
      sent = linesAtTheEnd(instance, backlog);
    }
    Instant since = sent.isEmpty() ? backlog.since() : sent.get(sent.size() - 1).timestamp();
    return source.follow(instance, since, new SkipRepeats(sent, since, listener));
  }

  /**
   * Where a follow without backlog ({@code tail 0}) starts: the lines of the newest timestamp,
   * which the follow then skips as already seen. Starting from nothing would follow from the
   * container's first line and replay its whole history; starting from a clock reading would depend
   * on the runtime's clock. A line's timestamp is a position in the log, so this reads the last
   * line, then every line stamped like it (a collector stamps a batch of lines with one time).
   */
  private List<LogLine> linesAtTheEnd(Instance instance, LogQuery backlog) {
    List<LogLine> last = source.read(instance, backlog.withTail(1)).lines();
    if (last.isEmpty()) {
      return last;
    }
    return source.read(instance, backlog.withTail(null).withSince(last.get(0).timestamp())).lines();
  }

  /**
   * Throws when the instance never had a container whose output could be read: still pending,
   * scheduled but not started, or ended before it ever started. An instance waiting to restart has
   * had one; its source may still hold that run's output.
   */
  static void requireStarted(Instance instance) {
    boolean started =
        instance.node() != null && (!blank(instance.containerId()) || instance.restartCount() > 0);
    if (started) {
      return;
    }
    String why =
        instance.reason().isEmpty()
            ? ""
            : ": "
                + instance.reason()
                + (instance.message().isEmpty() ? "" : ": " + instance.message());
    String phase = phaseName(instance.phase());
    throw new FailedPreconditionException(
        "instance \""
            + instance.id()
            + "\" has no logs: it "
            + (instance.phase().isTerminal() ? "ended without starting" : "has not started yet")
            + " (phase "
            + phase
            + why
            + ")");
  }

  static boolean blank(String text) {
    return text == null || text.isEmpty();
  }

  private static String phaseName(InstancePhase phase) {
    String name = phase.name();
    return name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * A follow resumes at the timestamp of the last backlog line, so its first lines may repeat those
   * of the backlog with that same timestamp; this drops exactly those.
   */
  private static final class SkipRepeats implements InstanceLogListener {
    private final InstanceLogListener target;
    private final List<LogLine> repeats;
    private int skipped;

    SkipRepeats(List<LogLine> backlog, Instant since, InstanceLogListener target) {
      this.target = target;
      this.repeats =
          since == null
              ? List.of()
              : backlog.stream().filter(l -> l.timestamp().equals(since)).toList();
    }

    @Override
    public void line(LogLine line) {
      if (skipped < repeats.size() && repeats.get(skipped).equals(line)) {
        skipped++;
        return;
      }
      skipped = repeats.size(); // past the repeats: deliver everything from here on
      target.line(line);
    }

    @Override
    public void ended(AinoException failure) {
      target.ended(failure);
    }
  }
}
