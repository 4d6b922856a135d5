package dev.aino.server.http;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where the HTTP server listens, whether it asks for a token, and which {@code Host} and {@code
 * Origin} headers it answers.
 *
 * <p>Listening beyond loopback without a token, or with one shorter than {@value
 * #MIN_REMOTE_TOKEN_LENGTH} characters, is refused here, before anything starts: anyone who could
 * reach the port (or guess the token) could run containers on the host.
 *
 * @param bind the address to listen on, e.g. {@code 127.0.0.1}
 * @param port the TCP port; 0 picks a free one
 * @param token the token every request but the public paths must carry, if any
 * @param allowedHosts {@code Host} values served besides loopback names ({@code --allowed-host}),
 *     e.g. {@code aino.example.com:*}
 * @param allowedOrigins {@code Origin} values served besides loopback ({@code --allowed-origin})
 * @param readToken the read-only token ({@code --read-token}): its caller reads everything and
 *     changes nothing
 * @param tokensFile the named callers and their roles ({@code --tokens-file})
 */
public record HttpSettings(
    String bind,
    int port,
    Optional<BearerToken> token,
    List<String> allowedHosts,
    List<String> allowedOrigins,
    Optional<BearerToken> readToken,
    Optional<TokensFile> tokensFile) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 7070;

  /** The shortest token accepted when listening beyond loopback. */
  public static final int MIN_REMOTE_TOKEN_LENGTH = 16;

  public HttpSettings {
    Validate.nonBlank("--bind", bind);
    Validate.range("--port", port, 0, 65_535);
    token = token == null ? Optional.empty() : token;
    allowedHosts = Validate.texts("--allowed-host", allowedHosts);
    allowedOrigins = Validate.texts("--allowed-origin", allowedOrigins);
    readToken = readToken == null ? Optional.empty() : readToken;
    tokensFile = tokensFile == null ? Optional.empty() : tokensFile;
    if (readToken.isPresent() && token.isPresent() && readToken.get().matches(token.get().text())) {
      throw new ValidationException(
          "--read-token", "must differ from --token, or a reader could not be told from the admin");
    }
    if (!resolve(bind).isLoopbackAddress()) {
      if (token.isEmpty() && readToken.isEmpty() && tokensFile.isEmpty()) {
        throw new ValidationException(
            "--bind",
            "refusing to listen on "
                + bind
                + " without a bearer token, as anyone who reaches it could run containers here;"
                + " set --token or AINO_TOKEN, or bind to 127.0.0.1");
      }
      checkLength("--token", token, bind);
      checkLength("--read-token", readToken, bind);
    }
  }

  private static void checkLength(String flag, Optional<BearerToken> token, String bind) {
    if (token.isPresent()) {
      if (token.get().text().length() < MIN_REMOTE_TOKEN_LENGTH) {
        throw new ValidationException(
            flag,
            "must be at least "
                + MIN_REMOTE_TOKEN_LENGTH
                + " characters to listen on "
                + bind
                + " (it has "
                + token.get().text().length()
                + "), as a short token can be guessed; make one with: openssl rand -hex 32");
      }
    }
  }

  /** Settings with the admin token alone. */
  public HttpSettings(
      String bind,
      int port,
      Optional<BearerToken> token,
      List<String> allowedHosts,
      List<String> allowedOrigins) {
    this(bind, port, token, allowedHosts, allowedOrigins, Optional.empty(), Optional.empty());
  }

  /** Whether requests must carry a token: one of the three kinds is set. */
  public boolean authenticates() {
    return token.isPresent() || readToken.isPresent() || tokensFile.isPresent();
  }

  /** Settings that answer loopback names and origins only. */
  public HttpSettings(String bind, int port, Optional<BearerToken> token) {
    this(bind, port, token, List.of(), List.of());
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
