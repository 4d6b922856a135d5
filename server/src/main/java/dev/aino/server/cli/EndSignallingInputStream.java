package dev.aino.server.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Calls back once when the stream ends, so that {@code aino mcp} exits when the client leaves. */
final class EndSignallingInputStream extends FilterInputStream {
  private final Runnable onEnd;
  private boolean ended;

  EndSignallingInputStream(InputStream in, Runnable onEnd) {
    super(in);
    this.onEnd = onEnd;
  }

  @Override
  public int read() throws IOException {
    return signal(super.read());
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return signal(super.read(b, off, len));
  }

  private int signal(int n) {
    if (n < 0 && !ended) {
      ended = true;
      onEnd.run();
    }
    return n;
  }
}
