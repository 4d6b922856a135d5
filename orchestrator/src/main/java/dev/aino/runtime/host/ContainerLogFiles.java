package dev.aino.runtime.host;

import dev.aino.error.RuntimeFailureException;
import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.LogStream;
import dev.aino.runtime.LogSubscription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container's output on disk, shared by the host drivers.
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
  private static final Logger LOG = LoggerFactory.getLogger(ContainerLogFiles.class);
  private static final String STDOUT_RAW = "stdout.raw";
  private static final String STDERR_RAW = "stderr.raw";
  private static final String STORED = "container.log";
  private static final String OFFSETS = "offsets";

  /** The most raw bytes read per stream and collection, to bound memory on a flood of output. */
  private static final int READ_CHUNK = 4 * 1024 * 1024;

  private final Path dir;
  private final LogLimits limits;
  private final Clock clock;
  private final String owner;
  private final List<Follower> followers = new ArrayList<>();
  private long stdoutOffset;
  private long stderrOffset;
  private boolean ended;

  private ContainerLogFiles(Path dir, LogLimits limits, Clock clock, String owner) {
    this.dir = dir;
    this.limits = limits;
    this.clock = clock;
    this.owner = owner;
  }

  /**
   * The log in {@code dir}, created (with empty raw files) when new, continued from its saved
   * offsets when it exists.
   *
   * @param owner names the container in failure messages, e.g. {@code container c1 of instance a}
   */
  public static ContainerLogFiles open(Path dir, LogLimits limits, Clock clock, String owner) {
    ContainerLogFiles log = new ContainerLogFiles(dir, limits, clock, owner);
    try {
      Files.createDirectories(dir);
      for (String raw : List.of(STDOUT_RAW, STDERR_RAW)) {
        if (!Files.exists(dir.resolve(raw))) {
          Files.createFile(dir.resolve(raw));
        }
      }
      log.loadOffsets();
    } catch (IOException e) {
      throw log.failure("opening the log", e);
    }
    return log;
  }

  /** Where the container's standard output goes: appended to the raw stdout file. */
  public ProcessBuilder.Redirect stdoutTarget() {
    return ProcessBuilder.Redirect.appendTo(dir.resolve(STDOUT_RAW).toFile());
  }

  /** Where the container's standard error goes: appended to the raw stderr file. */
  public ProcessBuilder.Redirect stderrTarget() {
    return ProcessBuilder.Redirect.appendTo(dir.resolve(STDERR_RAW).toFile());
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
    Follower follower = new Follower(since, consumer);
    readStored().forEach(follower::offer);
    followers.add(follower);
    return follower;
  }

  public synchronized boolean hasFollowers() {
    return !followers.isEmpty();
  }

  /**
   * Hands every follower the lines collected for it, outside the lock so a consumer cannot stall
   * collection; a follower of an ended container is closed once it has them all.
   */
  public void deliver() {
    List<Follower> current;
    synchronized (this) {
      current = new ArrayList<>(followers);
    }
    for (Follower follower : current) {
      List<LogLine> batch;
      boolean last;
      synchronized (this) {
        batch = new ArrayList<>(follower.pending);
        follower.pending.clear();
        last = ended;
      }
      try {
        for (LogLine line : batch) {
          if (follower.closed) {
            break;
          }
          follower.consumer.accept(line);
        }
      } catch (RuntimeException e) {
        LOG.warn("a log follower of {} failed and is dropped", owner, e);
        follower.close();
      }
      if (last) {
        follower.close();
      }
    }
  }

  /** Ends every subscription, e.g. when the container is destroyed. */
  public synchronized void closeFollowers() {
    for (Follower follower : List.copyOf(followers)) {
      follower.closed = true;
    }
    followers.clear();
  }

  private void ingest(boolean flushAll) {
    List<LogLine> fresh = new ArrayList<>();
    Instant now = clock.instant();
    long[] before = {stdoutOffset, stderrOffset};
    try {
      stdoutOffset = ingest(STDOUT_RAW, stdoutOffset, LogStream.STDOUT, now, flushAll, fresh);
      stderrOffset = ingest(STDERR_RAW, stderrOffset, LogStream.STDERR, now, flushAll, fresh);
      if (!fresh.isEmpty()) {
        store(fresh);
      }
      if (before[0] != stdoutOffset || before[1] != stderrOffset) {
        saveOffsets();
      }
    } catch (IOException e) {
      throw failure("collecting the log", e);
    }
    for (Follower follower : followers) {
      fresh.forEach(follower::offer);
    }
  }

  /** Reads new bytes of one raw file into lines; returns the new offset. */
  private long ingest(
      String name, long offset, LogStream stream, Instant now, boolean flushAll, List<LogLine> out)
      throws IOException {
    Path raw = dir.resolve(name);
    try (FileChannel channel =
        FileChannel.open(raw, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size < offset) {
        offset = 0; // truncated by someone else: start over
      }
      long available = size - offset;
      if (available > 0) {
        int length = (int) Math.min(available, READ_CHUNK);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
          // read until the chunk is full
        }
        boolean everything = flushAll && length == available;
        offset += splitLines(buffer.array(), buffer.position(), everything, stream, now, out);
      }
      if (offset == size && size >= limits.rawBytes() && channel.size() == offset) {
        channel.truncate(0); // all collected: copy-truncate (see the class comment)
        offset = 0;
      }
      return offset;
    } catch (NoSuchFileException e) {
      return offset;
    }
  }

  /**
   * Adds the complete lines in {@code bytes[0, length)} to {@code out}, splitting lines longer than
   * the limit; with {@code everything}, a trailing partial line too. Returns the bytes consumed.
   */
  private int splitLines(
      byte[] bytes,
      int length,
      boolean everything,
      LogStream stream,
      Instant now,
      List<LogLine> out) {
    int max = limits.maxLineBytes();
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        addLine(bytes, start, i, stream, now, out);
        start = i + 1;
      }
    }
    while (length - start >= max) {
      addLine(bytes, start, start + max, stream, now, out);
      start += max;
    }
    if (everything && start < length) {
      addLine(bytes, start, length, stream, now, out);
      start = length;
    }
    return start;
  }

  private void addLine(
      byte[] bytes, int from, int to, LogStream stream, Instant now, List<LogLine> out) {
    int max = limits.maxLineBytes();
    do {
      int end = Math.min(to, from + max);
      out.add(
          new LogLine(now, stream, new String(bytes, from, end - from, StandardCharsets.UTF_8)));
      from = end;
    } while (from < to);
  }

  private void store(List<LogLine> lines) throws IOException {
    StringBuilder text = new StringBuilder();
    for (LogLine line : lines) {
      text.append(line.timestamp())
          .append(' ')
          .append(line.stream() == LogStream.STDOUT ? "stdout" : "stderr")
          .append(' ')
          .append(line.text())
          .append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    Path current = dir.resolve(STORED);
    long size = Files.exists(current) ? Files.size(current) : 0;
    if (size > 0 && size + bytes.length > limits.fileBytes()) {
      rotate();
    }
    try (OutputStream out =
        Files.newOutputStream(current, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(bytes);
    }
  }

  /** container.log → .1 → .2 ..., dropping the oldest beyond {@link LogLimits#files}. */
  private void rotate() throws IOException {
    int keep = limits.files() - 1;
    if (keep == 0) {
      Files.deleteIfExists(dir.resolve(STORED));
      return;
    }
    Files.deleteIfExists(rotated(keep));
    for (int i = keep - 1; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(dir.resolve(STORED), rotated(1), StandardCopyOption.REPLACE_EXISTING);
  }

  private Path rotated(int generation) {
    return dir.resolve(STORED + "." + generation);
  }

  /** Every stored line, oldest first. */
  private List<LogLine> readStored() {
    List<LogLine> lines = new ArrayList<>();
    try {
      for (int i = limits.files() - 1; i >= 1; i--) {
        readInto(rotated(i), lines);
      }
      readInto(dir.resolve(STORED), lines);
    } catch (IOException e) {
      throw failure("reading the log", e);
    }
    return lines;
  }

  private static void readInto(Path file, List<LogLine> lines) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      while ((text = reader.readLine()) != null) {
        LogLine line = parse(text);
        if (line != null) {
          lines.add(line);
        }
      }
    } catch (NoSuchFileException e) {
      // not rotated that far yet
    }
  }

  private static LogLine parse(String stored) {
    int first = stored.indexOf(' ');
    int second = first < 0 ? -1 : stored.indexOf(' ', first + 1);
    if (second < 0) {
      return null;
    }
    String stream = stored.substring(first + 1, second);
    try {
      return new LogLine(
          Instant.parse(stored.substring(0, first)),
          stream.equals("stderr") ? LogStream.STDERR : LogStream.STDOUT,
          stored.substring(second + 1));
    } catch (DateTimeParseException e) {
      return null; // a line torn by a crash mid-write
    }
  }

  private void loadOffsets() throws IOException {
    try {
      String[] parts = Files.readString(dir.resolve(OFFSETS)).trim().split(" ");
      stdoutOffset = Long.parseLong(parts[0]);
      stderrOffset = Long.parseLong(parts[1]);
    } catch (NoSuchFileException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
      stdoutOffset = 0;
      stderrOffset = 0;
    }
  }

  private void saveOffsets() throws IOException {
    Path tmp = dir.resolve(OFFSETS + ".tmp");
    Files.writeString(tmp, stdoutOffset + " " + stderrOffset + "\n");
    Files.move(tmp, dir.resolve(OFFSETS), StandardCopyOption.ATOMIC_MOVE);
  }

  private RuntimeFailureException failure(String doing, IOException e) {
    return new RuntimeFailureException(doing + " of " + owner + ": " + e, e);
  }

  /** One {@link #follow} subscription; its pending lines are guarded by the log's lock. */
  private final class Follower implements LogSubscription {
    private final Instant since;
    private final Consumer<LogLine> consumer;
    private final ArrayDeque<LogLine> pending = new ArrayDeque<>();
    private volatile boolean closed;

    Follower(Instant since, Consumer<LogLine> consumer) {
      this.since = since;
      this.consumer = consumer;
    }

    void offer(LogLine line) {
      if (since == null || !line.timestamp().isBefore(since)) {
        pending.add(line);
      }
    }

    @Override
    public void close() {
      closed = true;
      synchronized (ContainerLogFiles.this) {
        followers.remove(this);
        pending.clear();
      }
    }
  }
}
