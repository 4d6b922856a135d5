package dev.aino.server.client;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * A response body that the server streams (a followed log, the change feed), read as it arrives.
 * Not thread-safe, except {@link #close}, which may be called from any thread to stop reading.
 */
abstract class StreamedBody implements AutoCloseable {
  /** One read of the body, which may fail. */
  interface Read<T> {
    T read() throws IOException;
  }

  private final InputStream body;
  private final URI server;
  private volatile boolean closed;

  StreamedBody(InputStream body, URI server) {
    this.body = body;
    this.server = server;
  }

  /**
   * What {@code read} returns; null once the stream has ended, or {@link #close} was called.
   *
   * @throws UnavailableException when the connection broke, naming the {@code stream} that did
   */
  final <T> T read(String stream, Read<T> read) {
    T value;
    try {
      value = read.read();
    } catch (IOException e) {
      if (closed) {
        return null;
      }
      throw new UnavailableException(
          "the " + stream + " stream from aino at " + server + " broke off: " + e.getMessage(), e);
    }
    return closed ? null : value;
  }

  /** The error for {@code what} the server sent that this client cannot read. */
  final AinoException unreadable(String what, IOException e) {
    return new AinoException(
        ErrorCode.INTERNAL,
        "cannot read "
            + what
            + " from aino at "
            + server
            + "; are the client and the server the same version of aino?",
        e);
  }

  /** Stops reading and releases the connection. */
  @Override
  public void close() {
    closed = true;
    try {
      body.close();
    } catch (IOException e) {
      // Closing a response stream that already broke: nothing left to release.
    }
  }
}
