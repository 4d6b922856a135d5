package dev.aino.bench.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.aino.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The REST API v1 over HTTP, with the JDK's HTTP client, one client per session. Each call parses
 * its body into maps and lists, as a client reads an answer before it uses it; the MCP client
 * parses its answers too, so both sides of the comparison pay for reading what they got.
 */
final class RestSurface implements Surface {
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final URI base;
  private final String token;

  RestSurface(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  @Override
  public String name() {
    return "REST";
  }

  @Override
  public RestSession open() {
    return new RestSession(HttpClient.newHttpClient());
  }

  /** One HTTP client. */
  final class RestSession implements Session {
    private final HttpClient http;

    private RestSession(HttpClient http) {
      this.http = http;
    }

    @Override
    public void call(Operation operation) throws Exception {
      for (String path : operation.restPaths()) {
        if (Json.mapper().readValue(body(path), OBJECT).isEmpty()) {
          throw new IllegalStateException("GET " + path + " answered {}");
        }
      }
    }

    /** The response body, checked for success. */
    byte[] body(String path) throws Exception {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(base.resolve(path))
                  .header("Authorization", "Bearer " + token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET "
                + path
                + " answered "
                + response.statusCode()
                + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
      }
      return response.body();
    }

    @Override
    public void close() {
      // The JDK client of Java 17 has no close; its threads end with it.
    }
  }
}
