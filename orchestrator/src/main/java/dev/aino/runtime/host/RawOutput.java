package dev.aino.runtime.host;

import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The two raw files a container writes its output to ({@code stdout.raw}, {@code stderr.raw}) and
 * how far each was read ({@code offsets}, so that a restarted agent continues where the last one
 * stopped).
 *
 * <p>Reading and saving how far it got are two steps, so that the caller can store the lines in
 * between: a crash then repeats lines rather than losing them.
 *
 * <p>A raw file that grew past {@link LogLimits#rawBytes} is truncated once everything in it was
 * read (copy-truncate, as logrotate does): see {@link ContainerLogFiles} for the price.
 *
 * <p>Not thread-safe: {@link ContainerLogFiles} calls it under its lock.
 */
final class RawOutput {
  private static final String STDOUT_RAW = "stdout.raw";
  private static final String STDERR_RAW = "stderr.raw";
  private static final String OFFSETS = "offsets";

  /** The most raw bytes read per stream and collection, to bound memory on a flood of output. */
  private static final int READ_CHUNK = 4 * 1024 * 1024;

  private final Path dir;
  private final long rawBytes;
  private final LineSplitter splitter;
  private long stdoutOffset;
  private long stderrOffset;
  private boolean unsaved;

  private RawOutput(Path dir, LogLimits limits) {
    this.dir = dir;
    this.rawBytes = limits.rawBytes();
    this.splitter = new LineSplitter(limits.maxLineBytes());
  }

  /** The raw files in {@code dir}, created empty when missing, read on from the saved offsets. */
  static RawOutput open(Path dir, LogLimits limits) throws IOException {
    RawOutput output = new RawOutput(dir, limits);
    for (String raw : List.of(STDOUT_RAW, STDERR_RAW)) {
      if (!Files.exists(dir.resolve(raw))) {
        Files.createFile(dir.resolve(raw));
      }
    }
    output.loadOffsets();
    return output;
  }

  ProcessBuilder.Redirect stdoutTarget() {
    return ProcessBuilder.Redirect.appendTo(dir.resolve(STDOUT_RAW).toFile());
  }

  ProcessBuilder.Redirect stderrTarget() {
    return ProcessBuilder.Redirect.appendTo(dir.resolve(STDERR_RAW).toFile());
  }

  /**
   * The lines written since the last call, stdout's before stderr's, stamped {@code now}; with
   * {@code flushAll}, a last line without a line break too. {@link #saveProgress} makes the new
   * offsets survive a restart.
   */
  List<LogLine> readNew(Instant now, boolean flushAll) throws IOException {
    List<LogLine> fresh = new ArrayList<>();
    long stdoutBefore = stdoutOffset;
    long stderrBefore = stderrOffset;
    stdoutOffset = read(STDOUT_RAW, stdoutOffset, LogStream.STDOUT, now, flushAll, fresh);
    stderrOffset = read(STDERR_RAW, stderrOffset, LogStream.STDERR, now, flushAll, fresh);
    unsaved |= stdoutBefore != stdoutOffset || stderrBefore != stderrOffset;
    return fresh;
  }

  /** Saves how far {@link #readNew} got, when it moved. */
  void saveProgress() throws IOException {
    if (unsaved) {
      Path tmp = dir.resolve(OFFSETS + ".tmp");
      Files.writeString(tmp, stdoutOffset + " " + stderrOffset + "\n");
      Files.move(tmp, dir.resolve(OFFSETS), StandardCopyOption.ATOMIC_MOVE);
      unsaved = false;
    }
  }

  /** Reads new bytes of one raw file into lines; returns the new offset. */
  private long read(
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
        offset += splitter.split(buffer.array(), buffer.position(), everything, stream, now, out);
      }
      if (offset == size && size >= rawBytes && channel.size() == offset) {
        channel.truncate(0); // all read: copy-truncate (see the class comment)
        offset = 0;
      }
      return offset;
    } catch (NoSuchFileException e) {
      return offset;
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
}
