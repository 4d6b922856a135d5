package dev.aino.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aino.error.ValidationException;
import java.util.List;

/**
 * How the monitor decides that a running instance is healthy. An instance becomes ready after its
 * first passing check and is restarted after {@code failureThreshold} failures in a row.
 *
 * @param type command run inside the instance, HTTP GET, or TCP connect
 * @param command argv for {@link Type#COMMAND}; exit 0 passes
 * @param path request path for {@link Type#HTTP}; 2xx and 3xx pass
 * @param port port for HTTP and TCP checks
 * @param intervalSeconds time between checks
 * @param timeoutSeconds how long one check may take
 * @param failureThreshold failures in a row that make the instance unhealthy
 * @param initialDelaySeconds grace after start before the first check
 */
public record HealthCheck(
    Type type,
    // Fields that do not apply to a type are left out of its JSON: no "port: 0" on a COMMAND check.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> command,
    String path,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int port,
    int intervalSeconds,
    int timeoutSeconds,
    int failureThreshold,
    int initialDelaySeconds) {

  /** The kinds of check. */
  public enum Type {
    COMMAND,
    HTTP,
    TCP
  }

  public HealthCheck {
    Validate.required("type", type);
    command = Validate.texts("command", command);
    path = Validate.text("path", path);
    intervalSeconds = intervalSeconds == 0 ? 10 : intervalSeconds;
    timeoutSeconds = timeoutSeconds == 0 ? Math.min(5, intervalSeconds) : timeoutSeconds;
    failureThreshold = failureThreshold == 0 ? 3 : failureThreshold;
    Validate.range("intervalSeconds", intervalSeconds, 1, 3600);
    Validate.range("timeoutSeconds", timeoutSeconds, 1, 3600);
    Validate.range("failureThreshold", failureThreshold, 1, 100);
    Validate.range("initialDelaySeconds", initialDelaySeconds, 0, 3600);
    switch (type) {
      case COMMAND -> {
        if (command.isEmpty()) {
          throw new ValidationException("command", "is required for a COMMAND check");
        }
      }
      case HTTP -> {
        Validate.range("port", port, 1, 65535);
        path = path == null || path.isEmpty() ? "/" : path;
        if (!path.startsWith("/")) {
          throw new ValidationException(
              "path", "must start with '/', got \"" + Validate.clip(path) + "\"");
        }
      }
      case TCP -> Validate.range("port", port, 1, 65535);
    }
  }

  public static HealthCheck http(String path, int port) {
    return new HealthCheck(Type.HTTP, List.of(), path, port, 0, 0, 0, 0);
  }

  public static HealthCheck tcp(int port) {
    return new HealthCheck(Type.TCP, List.of(), null, port, 0, 0, 0, 0);
  }

  public static HealthCheck command(List<String> argv) {
    return new HealthCheck(Type.COMMAND, argv, null, 0, 0, 0, 0, 0);
  }
}
