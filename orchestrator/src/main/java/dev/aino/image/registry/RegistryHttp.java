package dev.aino.image.registry;

import dev.aino.error.AinoException;
import dev.aino.image.ImagePullErrors;
import dev.aino.metrics.Metrics;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLException;

/**
 * Sends requests with the configured timeouts and turns transport failures into image errors that
 * say whom aino could not reach and why.
 */
final class RegistryHttp {
  private final RegistryConfig config;
  private final Metrics metrics;
  private volatile HttpClient client;

  /**
   * @param metrics told the size of every chunk of every answer's body as it arrives
   */
  RegistryHttp(RegistryConfig config, Metrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  /**
   * Made on the first request: building a client loads the TLS stack (a few hundred ms of class
   * loading), which a node should not pay at start-up, nor at all when it pulls from no registry.
   */
  private HttpClient client() {
    HttpClient made = client;
    if (made == null) {
      synchronized (this) {
        if (client == null) {
          client =
              HttpClient.newBuilder()
                  .connectTimeout(config.connectTimeout())
                  // Redirects are followed by hand: a bearer token must not travel to blob
                  // storage.
                  .followRedirects(HttpClient.Redirect.NEVER)
                  // Plain-HTTP registries would otherwise be sent an h2c upgrade on every request.
                  .version(HttpClient.Version.HTTP_1_1)
                  .build();
        }
        made = client;
      }
    }
    return made;
  }

  RegistryConfig config() {
    return config;
  }

  /** A GET with the request timeout. */
  HttpRequest.Builder get(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(config.requestTimeout())
        .header("User-Agent", "aino")
        .GET();
  }

  /**
   * Sends {@code request} and returns once the headers arrived.
   *
   * @throws AinoException {@code UNAVAILABLE} when {@code peer} cannot be reached or does not
   *     answer in time; {@code RUNTIME_FAILURE} when it does not speak HTTPS
   */
  RegistryResponse send(HttpRequest request, Peer peer) {
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
    try {
      response = client().send(request, HttpResponse.BodyHandlers.ofPublisher());
    } catch (IOException e) {
      throw unreachable(peer, request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ImagePullErrors.unavailable("interrupted while talking to " + peer.description(), e);
    }
    return new RegistryResponse(
        response.statusCode(),
        response.headers(),
        request.uri(),
        new TimedBodyStream(
            response.body(), config.readTimeout(), peer.description(), metrics::imageBytesPulled));
  }

  private AinoException unreachable(Peer peer, URI uri, IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return ImagePullErrors.unavailable(
          "cannot reach "
              + peer.description()
              + " (no connection within "
              + config.connectTimeout().toSeconds()
              + " s)",
          e);
    }
    if (e instanceof HttpTimeoutException) {
      return ImagePullErrors.unavailable(
          peer.description()
              + " did not answer within "
              + config.requestTimeout().toSeconds()
              + " s",
          e);
    }
    if ("https".equals(uri.getScheme()) && causedBy(e, SSLException.class)) {
      return ImagePullErrors.failed(
          "cannot talk HTTPS to "
              + peer.description()
              + " ("
              + innermostMessage(e)
              + "); if it is a plain-HTTP registry, add --insecure-registry "
              + uri.getAuthority(),
          e);
    }
    String reason;
    if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
      reason = "unknown host " + uri.getHost();
    } else if (causedBy(e, ConnectException.class)) {
      String m = innermostMessage(e);
      reason = m.isEmpty() ? "connection refused" : m.toLowerCase(Locale.ROOT);
    } else {
      String m = innermostMessage(e);
      reason = m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
    return ImagePullErrors.unavailable(
        "cannot reach " + peer.description() + " (" + reason + ")", e);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The most specific message in the cause chain, or "" when none has one. */
  private static String innermostMessage(Throwable e) {
    String message = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message;
  }
}
