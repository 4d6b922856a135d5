package dev.aino.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.NotFoundException;
import dev.aino.error.ValidationException;
import dev.aino.server.testing.HttpProbe;
import io.javalin.config.JavalinConfig;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Error codes to HTTP statuses, and the JSON body every error carries. */
class ErrorMappingTest {
  /** Routes that fail the way later modules' routes will. */
  private static final class Failing implements HttpComponent {
    @Override
    public void configure(JavalinConfig config) {
      config.routes.get(
          "/fail/{code}",
          ctx -> {
            ErrorCode code = ErrorCode.valueOf(ctx.pathParam("code"));
            throw new AinoException(code, "failed with " + code);
          });
      config.routes.get(
          "/invalid",
          ctx -> {
            throw new ValidationException("spec.replicas", "must be >= 0, got -1");
          });
      config.routes.get(
          "/missing",
          ctx -> {
            throw NotFoundException.of("workload", "web");
          });
      config.routes.get(
          "/bug",
          ctx -> {
            throw new IllegalStateException("secret internal detail");
          });
    }
  }

  private static HttpServer server;
  private static HttpProbe probe;

  @BeforeAll
  static void start() {
    server = HttpServer.start(HttpSettings.loopback(0), List.of(new Failing()));
    probe = new HttpProbe(server.baseUri());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @CsvSource({
    "INVALID_ARGUMENT, 400",
    "NOT_FOUND, 404",
    "ALREADY_EXISTS, 409",
    "CONFLICT, 409",
    "UNSCHEDULABLE, 422",
    "UNAVAILABLE, 503",
    "UNAUTHENTICATED, 401",
    "PERMISSION_DENIED, 403",
    "RUNTIME_FAILURE, 502",
    "INTERNAL, 500"
  })
  void mapsEachCodeToItsStatus(ErrorCode code, int status) {
    assertThat(ErrorMapping.status(code)).isEqualTo(status);
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void answersEachCodeWithItsStatusAndBody(ErrorCode code) throws Exception {
    HttpResponse<String> response = probe.get("/fail/" + code.name());

    assertThat(response.statusCode()).isEqualTo(ErrorMapping.status(code));
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode error = HttpProbe.json(response).path("error");
    assertThat(error.path("code").asText()).isEqualTo(code.name());
    assertThat(error.path("message").asText()).isEqualTo("failed with " + code);
  }

  @Test
  void unauthenticatedAsksForABearerToken() throws Exception {
    HttpResponse<String> response = probe.get("/fail/UNAUTHENTICATED");

    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
  }

  @Test
  void typedExceptionsKeepTheirMessages() throws Exception {
    JsonNode invalid = HttpProbe.json(probe.get("/invalid"));
    assertThat(invalid.path("error").path("code").asText()).isEqualTo("INVALID_ARGUMENT");
    assertThat(invalid.path("error").path("message").asText())
        .isEqualTo("spec.replicas: must be >= 0, got -1");

    HttpResponse<String> missing = probe.get("/missing");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(HttpProbe.json(missing).path("error").path("message").asText())
        .isEqualTo("workload \"web\" not found");
  }

  @Test
  void anUnexpectedExceptionIsAGeneric500() throws Exception {
    HttpResponse<String> response = probe.get("/bug");

    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode error = HttpProbe.json(response).path("error");
    assertThat(error.path("code").asText()).isEqualTo("INTERNAL");
    assertThat(error.path("message").asText()).isEqualTo(ErrorMapping.INTERNAL_MESSAGE);
    assertThat(response.body()).doesNotContain("secret internal detail", "IllegalState");
  }

  @Test
  void anUnknownPathIsANotFoundInTheSameShape() throws Exception {
    HttpResponse<String> response = probe.get("/no/such/path");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(HttpProbe.json(response).path("error").path("code").asText()).isEqualTo("NOT_FOUND");
  }
}
