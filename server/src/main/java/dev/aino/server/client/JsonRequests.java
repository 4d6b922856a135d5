package dev.aino.server.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The one way aino's own HTTP clients (the CLI's {@link AinoClient}, a joined agent's node API)
 * build a request to a server: JSON in and out, the bearer token when there is one.
 */
public final class JsonRequests {
  private JsonRequests() {}

  /**
   * A request for {@code method} on {@code uri} carrying {@code body} as JSON (none when null),
   * with {@code token} as its bearer token (none when null); the caller may add headers.
   */
  public static HttpRequest.Builder builder(
      URI uri, String method, byte[] body, String token, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }
}
