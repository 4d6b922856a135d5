package dev.aino.image.registry;

import dev.aino.error.ValidationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How aino talks to registries.
 *
 * @param insecureRegistries {@code HOST:PORT} (or {@code HOST}) entries spoken to over plain HTTP;
 *     every other registry over HTTPS, with no fallback
 * @param credentials user name and password per registry host ({@code HOST[:PORT]}, as in image
 *     references, e.g. {@code docker.io})
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param requestTimeout how long to wait for a response's headers
 * @param readTimeout how long a response body may send nothing before the download is abandoned
 */
public record RegistryConfig(
    Set<String> insecureRegistries,
    Map<String, RegistryCredentials> credentials,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration readTimeout) {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern HOST_PORT =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

  public RegistryConfig {
    insecureRegistries = insecureRegistries == null ? Set.of() : Set.copyOf(insecureRegistries);
    for (String host : insecureRegistries) {
      requireHost("insecureRegistries", host);
    }
    credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    for (String host : credentials.keySet()) {
      requireHost("credentials", host);
    }
    connectTimeout = positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    requestTimeout = positive("requestTimeout", requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    readTimeout = positive("readTimeout", readTimeout, DEFAULT_READ_TIMEOUT);
  }

  /** HTTPS everywhere, no credentials, default timeouts. */
  public static RegistryConfig defaults() {
    return new RegistryConfig(Set.of(), Map.of(), null, null, null);
  }

  /** This config with {@code hostPort} spoken to over plain HTTP. */
  public RegistryConfig withInsecure(String hostPort) {
    Set<String> hosts = new LinkedHashSet<>(insecureRegistries);
    hosts.add(hostPort);
    return new RegistryConfig(hosts, credentials, connectTimeout, requestTimeout, readTimeout);
  }

  /** This config with credentials for {@code host}. */
  public RegistryConfig withCredentials(String host, RegistryCredentials login) {
    Map<String, RegistryCredentials> all = new HashMap<>(credentials);
    all.put(host, login);
    return new RegistryConfig(insecureRegistries, all, connectTimeout, requestTimeout, readTimeout);
  }

  /** This config with other timeouts. */
  public RegistryConfig withTimeouts(Duration connect, Duration request, Duration read) {
    return new RegistryConfig(insecureRegistries, credentials, connect, request, read);
  }

  /** Whether {@code host} ({@code HOST[:PORT]}) is listed for plain HTTP. */
  public boolean isInsecure(String host) {
    return insecureRegistries.contains(host);
  }

  /** The credentials configured for {@code host}. */
  public Optional<RegistryCredentials> credentialsFor(String host) {
    return Optional.ofNullable(credentials.get(host));
  }

  private static void requireHost(String field, String host) {
    if (host == null || !HOST_PORT.matcher(host).matches()) {
      throw new ValidationException(
          field,
          "\""
              + host
              + "\" must be HOST or HOST:PORT, without a scheme or path (e.g. 127.0.0.1:5000)");
    }
  }

  private static Duration positive(String field, Duration value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new ValidationException(field, "must be > 0, got " + value);
    }
    return value;
  }
}
