package dev.aino.runtime.host;

import dev.aino.error.RuntimeFailureException;
import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogSubscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * One container's output on disk, shared by the host drivers: it ties together reading what the
 * container wrote ({@link RawOutput}), storing it in rotated files ({@link RotatedLogFiles}),
 * answering queries from them and feeding followers ({@link LogFollowers}), under one lock so that
 * a query or a new follower sees every line exactly once.
 *
 * <p>The container writes to two raw files ({@code stdout.raw}, {@code stderr.raw}) that its
 * process inherited as O_APPEND descriptors, so nothing of the agent sits between the container and
 * its output: it keeps logging while the agent restarts. {@link #collect} (called by the {@link
 * LogCollector}'s single thread, and before every query) reads what was appended since the last
 * call, splits it into lines, stamps them with the time of collection and appends them as {@code
 * <instant> <stream> <text>} lines to {@code container.log}, which rotates at {@link
 * LogLimits#fileBytes} into {@code container.log.1} and so on. How far each raw file was read is
 * kept in {@code offsets}, so a restarted agent continues where the last one stopped.
 *
 * <p>A raw file that grew past {@link LogLimits#rawBytes} is truncated once everything in it was
 * collected (copy-truncate, as logrotate does). Bytes the container writes in the microseconds
 * between the last read and the truncate are lost; this can only happen at a truncation, once per
 * {@code rawBytes} of output, and is the price of not putting a process between the container and
 * its output.
 *
 * <p>Within one collection, stdout lines come before stderr lines, so the relative order of the two
 * streams is only as precise as the poll interval.
 */
public final class ContainerLogFiles {
  private final Clock clock;
  private final String owner;
  private final RotatedLogFiles stored;
  private final LogFollowers followers;
  private final RawOutput raw;
  private boolean ended;

  private ContainerLogFiles(Path dir, LogLimits limits, Clock clock, String owner, RawOutput raw) {
    this.clock = clock;
    this.owner = owner;
    this.raw = raw;
    this.stored = new RotatedLogFiles(dir, limits);
    this.followers = new LogFollowers(owner);
  }

  /**
   * The log in {@code dir}, created (with empty raw files) when new, continued from its saved
   * offsets when it exists.
   *
   * @param owner names the container in failure messages, e.g. {@code container c1 of instance a}
   */
  public static ContainerLogFiles open(Path dir, LogLimits limits, Clock clock, String owner) {
    try {
      Files.createDirectories(dir);
      return new ContainerLogFiles(dir, limits, clock, owner, RawOutput.open(dir, limits));
    } catch (IOException e) {
      throw failure("opening the log", owner, e);
    }
  }

  /** Where the container's standard output goes: appended to the raw stdout file. */
  public ProcessBuilder.Redirect stdoutTarget() {
    return raw.stdoutTarget();
  }

  /** Where the container's standard error goes: appended to the raw stderr file. */
  public ProcessBuilder.Redirect stderrTarget() {
    return raw.stderrTarget();
  }

  /** Stores the complete lines written since the last collection. */
  public synchronized void collect() {
    ingest(ended);
  }

  /**
   * The container has ended: stores everything left, including a last line without a line break,
   * and lets followers finish once they have been handed every line.
   */
  public synchronized void end() {
    if (!ended) {
      ingest(true);
      followers.finish();
      ended = true;
    }
  }

  public synchronized boolean hasEnded() {
    return ended;
  }

  /** The lines {@code query} selects, after collecting what was written until now. */
  public synchronized LogChunk query(LogQuery query) {
    ingest(ended);
    return LogChunk.select(readStored(), query);
  }

  /**
   * Subscribes {@code consumer} to the lines from {@code since} on (every stored line first). Lines
   * are handed on by {@link #deliver}, which the collector's thread calls.
   */
  public synchronized LogSubscription follow(Instant since, Consumer<LogLine> consumer) {
    ingest(ended);
    return followers.add(since, consumer, readStored());
  }

  public boolean hasFollowers() {
    return !followers.isEmpty();
  }

  /**
   * Hands every follower the lines collected for it, outside the log's lock so a consumer cannot
   * stall collection; a follower of an ended container is closed once it has them all.
   */
  public void deliver() {
    followers.deliver();
  }

  /** Ends every subscription, e.g. when the container is destroyed. */
  public void closeFollowers() {
    followers.closeAll();
  }

  /** Reads, stores and queues for followers what was written since the last call. */
  private void ingest(boolean flushAll) {
    List<LogLine> fresh;
    try {
      fresh = raw.readNew(clock.instant(), flushAll);
      if (!fresh.isEmpty()) {
        stored.append(fresh);
      }
      raw.saveProgress();
    } catch (IOException e) {
      throw failure("collecting the log", owner, e);
    }
    followers.offer(fresh);
  }

  private List<LogLine> readStored() {
    try {
      return stored.readAll();
    } catch (IOException e) {
      throw failure("reading the log", owner, e);
    }
  }

  private static RuntimeFailureException failure(String doing, String owner, IOException e) {
    return new RuntimeFailureException(doing + " of " + owner + ": " + e, e);
  }
}
