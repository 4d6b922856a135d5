package dev.aino.store.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive OS lock on a file, held while a store is open, so that a second aino process on the
 * same database fails fast instead of writing next to the first. The holder writes its process id
 * into the file, so the refusal can name it.
 *
 * <p>Within one JVM the lock is tracked in a set: a second channel on the file must never be
 * opened, because closing it would release the first one's POSIX lock.
 */
final class ExclusiveFileLock implements AutoCloseable {
  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;

  private ExclusiveFileLock(Path path, FileChannel channel, FileLock lock) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code file} (created if missing; its directory must exist).
   *
   * @throws IOException when another process or another store in this process holds it
   */
  static ExclusiveFileLock acquire(Path file) throws IOException {
    Path path = file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName());
    if (!HELD_IN_THIS_JVM.add(path)) {
      throw new IOException(
          path + " is held by another store in this process; the database is already open");
    }
    try {
      FileChannel channel =
          FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        FileLock lock = channel.tryLock();
        if (lock == null) {
          throw new IOException(
              path
                  + " is held by another process"
                  + holderOf(path)
                  + "; is another aino running on this data directory?");
        }
        channel.truncate(0);
        channel.write(
            ByteBuffer.wrap(
                (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        return new ExclusiveFileLock(path, channel, lock);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      HELD_IN_THIS_JVM.remove(path);
      throw e;
    }
  }

  private static String holderOf(Path path) {
    try {
      String pid = Files.readString(path, StandardCharsets.US_ASCII).trim();
      return pid.matches("[0-9]{1,10}") ? " (pid " + pid + ")" : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
      HELD_IN_THIS_JVM.remove(path);
    }
  }
}
