package dev.aino.image.store;

import dev.aino.error.AinoException;
import dev.aino.image.ImagePullErrors;
import dev.aino.image.oci.Descriptor;
import dev.aino.image.oci.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes a blob while it streams and checks it against its descriptor: never more bytes than the
 * descriptor's size, and at {@link #verify()} exactly that many with the expected SHA-256. Read
 * failures of the source come out as {@link BlobReadException}.
 */
final class VerifyingInputStream extends FilterInputStream {
  private final Descriptor expected;
  private final String what;
  private final MessageDigest sha256 = Digest.newSha256();
  private long count;

  /**
   * @param what how errors name the blob, e.g. {@code layer}, {@code config}
   */
  VerifyingInputStream(InputStream source, Descriptor expected, String what) {
    super(source);
    this.expected = expected;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      throw new BlobReadException(e);
    }
    if (n > 0) {
      sha256.update(b, off, n);
      count += n;
      if (count > expected.size()) {
        throw sizeMismatch("more");
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must be hashed too.
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads whatever the consumer left unread (e.g. the padding after a tar's end) into the hash. */
  void drain() throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (read(buffer, 0, buffer.length) >= 0) {
      // hashing happens in read
    }
  }

  /**
   * Checks the bytes read so far against the descriptor.
   *
   * @throws dev.aino.error.AinoException {@code ImagePullFailed: digest mismatch for ...} or {@code
   *     size mismatch}
   */
  void verify() {
    if (count != expected.size()) {
      throw sizeMismatch(Long.toString(count));
    }
    Digest actual = Digest.of(sha256);
    if (!actual.equals(expected.digest())) {
      throw ImagePullErrors.failed(
          "digest mismatch for " + what + " " + expected.digest() + ": content is " + actual);
    }
  }

  private AinoException sizeMismatch(String got) {
    return ImagePullErrors.failed(
        "size mismatch for "
            + what
            + " "
            + expected.digest()
            + ": expected "
            + expected.size()
            + " bytes, got "
            + got);
  }
}
