package dev.aino.image.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A response from a registry or token service, its body still to be read (with the read timeout).
 * Close it when done, read or not, so the connection is released.
 */
final class RegistryResponse implements AutoCloseable {
  private final int status;
  private final HttpHeaders headers;
  private final URI uri;
  private final InputStream body;

  RegistryResponse(int status, HttpHeaders headers, URI uri, InputStream body) {
    this.status = status;
    this.headers = headers;
    this.uri = uri;
    this.body = body;
  }

  int status() {
    return status;
  }

  URI uri() {
    return uri;
  }

  HttpHeaders headers() {
    return headers;
  }

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The body, to be read by the caller. */
  InputStream body() {
    return body;
  }

  /**
   * Reads the whole body, at most {@code limit} bytes.
   *
   * @return null when the body is longer than {@code limit}
   */
  byte[] readAll(int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = body.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      if (out.size() > limit) {
        return null;
      }
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException ignored) {
      // nothing more to read from it either way
    }
  }
}
