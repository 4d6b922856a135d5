package dev.aino.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A response body as an {@link InputStream} whose reads give up when the peer sends nothing for the
 * read timeout. The JDK's own body stream blocks for ever on a stalled connection, and {@link
 * java.net.http.HttpRequest#timeout()} only covers the wait for the headers. It asks the connection
 * for one chunk at a time, so at most one chunk waits in memory.
 */
final class TimedBodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
  private static final Object END = new Object();

  private final Duration readTimeout;
  private final String peer;
  private final LongConsumer received;
  private final BlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private Iterator<ByteBuffer> pending = List.<ByteBuffer>of().iterator();
  private ByteBuffer current;
  private boolean ended;
  private boolean closed;

  /**
   * @param peer how a timeout names the sender, e.g. {@code registry 127.0.0.1:5000}
   * @param received told the size of each chunk as it arrives
   */
  TimedBodyStream(
      Flow.Publisher<List<ByteBuffer>> body,
      Duration readTimeout,
      String peer,
      LongConsumer received) {
    this.readTimeout = readTimeout;
    this.peer = peer;
    this.received = received;
    body.subscribe(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    long bytes = 0;
    for (ByteBuffer buffer : item) {
      bytes += buffer.remaining();
    }
    received.accept(bytes);
    chunks.add(item);
  }

  @Override
  public void onError(Throwable failure) {
    chunks.add(failure);
  }

  @Override
  public void onComplete() {
    chunks.add(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("the response body from " + peer + " is closed");
    }
    if (len == 0) {
      return 0;
    }
    while (current == null || !current.hasRemaining()) {
      if (ended) {
        return -1;
      }
      if (pending.hasNext()) {
        current = pending.next();
        continue;
      }
      nextChunk();
    }
    int n = Math.min(len, current.remaining());
    current.get(b, off, n);
    return n;
  }

  private void nextChunk() throws IOException {
    Object item;
    try {
      item = chunks.poll(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new java.io.InterruptedIOException("interrupted while reading from " + peer);
    }
    if (item == null) {
      cancel();
      throw new HttpTimeoutException(
          peer + " sent nothing for " + readTimeout.toSeconds() + " s; download abandoned");
    }
    if (item == END) {
      ended = true;
      return;
    }
    if (item instanceof Throwable failure) {
      ended = true;
      throw failure instanceof IOException io
          ? io
          : new IOException("reading from " + peer + " failed: " + failure, failure);
    }
    @SuppressWarnings("unchecked")
    List<ByteBuffer> list = (List<ByteBuffer>) item;
    pending = list.iterator();
    Flow.Subscription s = subscription;
    if (s != null) {
      s.request(1);
    }
  }

  /** Stops the download; the connection is dropped if the body was not read to its end. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (!ended) {
        cancel();
      }
      chunks.clear();
    }
  }

  private void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
