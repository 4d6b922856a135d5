package dev.aino.image.unpack;

import com.sun.jna.LastErrorException;
import java.io.IOException;

/**
 * A system call on a layer's files failed; says which call, on which path of the layer, and why.
 */
final class SyscallException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int errno;

  SyscallException(String call, String path, LastErrorException cause) {
    // JNA's message is "[errno] strerror"
    super(call + " " + path + ": " + cause.getMessage(), cause);
    this.errno = cause.getErrorCode();
  }

  int errno() {
    return errno;
  }
}
