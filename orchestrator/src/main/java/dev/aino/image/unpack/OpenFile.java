package dev.aino.image.unpack;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import java.io.IOException;

/** A regular file of a layer that was just created, open for writing its content. */
final class OpenFile extends OpenFd {
  OpenFile(Libc.C libc, int fd, String path) {
    super(libc, fd, path);
  }

  /** Writes {@code length} bytes of {@code buffer} (native memory, so JNA copies nothing more). */
  void write(Memory buffer, int length) throws IOException {
    long done = 0;
    while (done < length) {
      try {
        done += libc.write(fd, buffer.share(done), new NativeLong(length - done)).longValue();
      } catch (LastErrorException e) {
        throw new SyscallException("write", path, e);
      }
    }
  }
}
