package dev.aino.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client for tests: send requests to a server on loopback, read JSON. */
public final class HttpProbe {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI base;
  private final String authorization;
  private final Map<String, String> headers;

  public HttpProbe(URI base) {
    this(base, null);
  }

  /** A probe that sends {@code authorization} as the {@code Authorization} header, if not null. */
  public HttpProbe(URI base, String authorization) {
    this(base, authorization, Map.of());
  }

  private HttpProbe(URI base, String authorization, Map<String, String> headers) {
    this.base = base;
    this.authorization = authorization;
    this.headers = headers;
  }

  /** This probe, sending also the header {@code name: value} on every request. */
  public HttpProbe withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpProbe(base, authorization, more);
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

  /** DELETE, or a request without a body of any other method. */
  public HttpResponse<String> send(String method, String path)
      throws IOException, InterruptedException {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** A request with a body of the given content type (none when null). */
  public HttpResponse<String> send(String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        request(path).method(method, HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  /** POST of a JSON body. */
  public HttpResponse<String> postJson(String path, String json)
      throws IOException, InterruptedException {
    return send("POST", path, "application/json", json);
  }

  public static JsonNode json(HttpResponse<String> response) throws IOException {
    return Json.mapper().readTree(response.body());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    headers.forEach(request::header);
    return request;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
