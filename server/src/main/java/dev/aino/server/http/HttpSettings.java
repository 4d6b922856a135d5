package dev.aino.server.http;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where the HTTP server listens and whether it asks for a token.
 *
 * <p>Listening beyond loopback without a token is refused here, before anything starts: anyone who
 * could reach the port could run containers on the host.
 *
 * @param bind the address to listen on, e.g. {@code 127.0.0.1}
 * @param port the TCP port; 0 picks a free one
 * @param token the token every request but the public paths must carry, if any
 */
public record HttpSettings(String bind, int port, Optional<BearerToken> token) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 7070;

  public HttpSettings {
    Validate.nonBlank("--bind", bind);
    Validate.range("--port", port, 0, 65_535);
    token = token == null ? Optional.empty() : token;
    if (!resolve(bind).isLoopbackAddress() && token.isEmpty()) {
      throw new ValidationException(
          "--bind",
          "refusing to listen on "
              + bind
              + " without a bearer token, as anyone who reaches it could run containers here;"
              + " set --token or AINO_TOKEN, or bind to 127.0.0.1");
    }
  }

  /** Loopback only, no token: for tests and local use. */
  public static HttpSettings loopback(int port) {
    return new HttpSettings(DEFAULT_BIND, port, Optional.empty());
  }

  /** The server's address for a given port, e.g. {@code http://127.0.0.1:7070}. */
  public URI baseUri(int actualPort) {
    String host = resolve(bind) instanceof Inet6Address ? "[" + bind + "]" : bind;
    return URI.create("http://" + host + ":" + actualPort);
  }

  private static InetAddress resolve(String bind) {
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new ValidationException("--bind", "cannot resolve \"" + bind + "\"");
    }
  }
}
