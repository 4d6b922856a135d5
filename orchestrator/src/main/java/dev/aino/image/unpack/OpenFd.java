package dev.aino.image.unpack;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * A file or directory of a layer held open by its descriptor: owner, mode and time are changed
 * through the descriptor, so they reach this very file whatever happened to its path since.
 */
abstract class OpenFd implements AutoCloseable {
  protected final Libc.C libc;
  protected final int fd;

  /** Relative to the layer's root, for messages; "." is the root. */
  protected final String path;

  private boolean closed;

  OpenFd(Libc.C libc, int fd, String path) {
    this.libc = libc;
    this.fd = fd;
    this.path = path;
  }

  final String path() {
    return path;
  }

  final void chown(int uid, int gid) throws IOException {
    try {
      libc.fchown(fd, uid, gid);
    } catch (LastErrorException e) {
      throw new SyscallException("fchown", path, e);
    }
  }

  final void chmod(int mode) throws IOException {
    try {
      libc.fchmod(fd, mode);
    } catch (LastErrorException e) {
      throw new SyscallException("fchmod", path, e);
    }
  }

  /** Sets the modification time; the access time stays. */
  final void setModified(FileTime time) throws IOException {
    try {
      libc.futimens(fd, times(time));
    } catch (LastErrorException e) {
      throw new SyscallException("futimens", path, e);
    }
  }

  /** {@code struct timespec[2]} that leaves the access time and sets the modification time. */
  static long[] times(FileTime modified) {
    Instant t = modified.toInstant();
    return new long[] {0, Libc.UTIME_OMIT, t.getEpochSecond(), t.getNano()};
  }

  @Override
  public final void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      libc.close(fd);
    } catch (LastErrorException e) {
      throw new SyscallException("close", path, e);
    }
  }
}
