package dev.aino.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for tests: GET a path of a server on loopback, read JSON. */
public final class HttpProbe {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;

  public HttpProbe(URI base) {
    this.base = base;
  }

  /** GET without credentials. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path));
  }

  /** GET with an {@code Authorization} header value. */
  public HttpResponse<String> get(String path, String authorization)
      throws IOException, InterruptedException {
    return send(request(path).header("Authorization", authorization));
  }

  public static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.mapper().readTree(response.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
