package dev.aino.store.etcd;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to reach etcd and where aino's keys live in it.
 *
 * @param endpoints client URLs such as {@code http://127.0.0.1:2379}; at least one, all http or all
 *     https, each with a host and a port
 * @param namespace the key root, starting and ending with {@code /}; {@code /aino/v1/} when null
 * @param user etcd user name, or null without authentication; set together with {@code password}
 * @param password that user's password, or null
 * @param caCert PEM file of the CA that signed etcd's certificate (https only); the system trust
 *     store when null
 * @param clientCert PEM client certificate for mutual TLS (https only); set together with {@code
 *     clientKey}
 * @param clientKey the PEM (PKCS#8) key of {@code clientCert}
 * @param requestTimeout the longest any one call to etcd may take; 5 seconds when null
 */
public record EtcdConfig(
    List<String> endpoints,
    String namespace,
    String user,
    String password,
    Path caCert,
    Path clientCert,
    Path clientKey,
    Duration requestTimeout) {

  public static final String DEFAULT_NAMESPACE = "/aino/v1/";
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  /** Longest accepted request timeout; a call that may hang longer is a hung call. */
  private static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(10);

  public EtcdConfig {
    endpoints = validEndpoints(endpoints);
    namespace = validNamespace(namespace == null ? DEFAULT_NAMESPACE : namespace);
    if ((user == null) != (password == null)) {
      throw new ValidationException(
          user == null ? "user" : "password", "user and password must be set together");
    }
    if (user != null) {
      Validate.nonBlank("user", user);
      Validate.text("password", password);
    }
    boolean tls = endpoints.get(0).startsWith("https:");
    if ((clientCert == null) != (clientKey == null)) {
      throw new ValidationException(
          clientCert == null ? "clientCert" : "clientKey",
          "clientCert and clientKey must be set together");
    }
    requireTlsFile("caCert", caCert, tls);
    requireTlsFile("clientCert", clientCert, tls);
    requireTlsFile("clientKey", clientKey, tls);
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    if (requestTimeout.isNegative()
        || requestTimeout.isZero()
        || requestTimeout.compareTo(MAX_REQUEST_TIMEOUT) > 0) {
      throw new ValidationException(
          "requestTimeout", "must be > 0 and at most 10 minutes, got " + requestTimeout);
    }
  }

  /** Plain settings for these endpoints: default namespace and timeout, no auth, no client TLS. */
  public static EtcdConfig of(String... endpoints) {
    return new EtcdConfig(
        endpoints == null ? null : Arrays.asList(endpoints),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public EtcdConfig withNamespace(String namespace) {
    return new EtcdConfig(
        endpoints, namespace, user, password, caCert, clientCert, clientKey, requestTimeout);
  }

  public EtcdConfig withRequestTimeout(Duration requestTimeout) {
    return new EtcdConfig(
        endpoints, namespace, user, password, caCert, clientCert, clientKey, requestTimeout);
  }

  public EtcdConfig withCredentials(String user, String password) {
    return new EtcdConfig(
        endpoints, namespace, user, password, caCert, clientCert, clientKey, requestTimeout);
  }

  public EtcdConfig withTls(Path caCert, Path clientCert, Path clientKey) {
    return new EtcdConfig(
        endpoints, namespace, user, password, caCert, clientCert, clientKey, requestTimeout);
  }

  /** True when the endpoints are https. */
  public boolean tls() {
    return endpoints.get(0).startsWith("https:");
  }

  /** Without the password, so that the config can be logged. */
  @Override
  public String toString() {
    return "EtcdConfig[endpoints="
        + endpoints
        + ", namespace="
        + namespace
        + ", user="
        + user
        + (password == null ? "" : ", password=***")
        + ", caCert="
        + caCert
        + ", clientCert="
        + clientCert
        + ", clientKey="
        + clientKey
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }

  private static List<String> validEndpoints(List<String> endpoints) {
    if (endpoints == null || endpoints.isEmpty()) {
      throw new ValidationException(
          "endpoints", "must name at least one etcd URL, e.g. http://127.0.0.1:2379");
    }
    List<String> valid = new ArrayList<>(endpoints.size());
    for (int i = 0; i < endpoints.size(); i++) {
      valid.add(validEndpoint("endpoints[" + i + "]", endpoints.get(i)));
    }
    for (int i = 1; i < valid.size(); i++) {
      if (!schemeOf(valid.get(i)).equals(schemeOf(valid.get(0)))) {
        throw new ValidationException(
            "endpoints[" + i + "]",
            "must use the same scheme as endpoints[0] (all http or all https), got \""
                + valid.get(i)
                + "\"");
      }
    }
    return List.copyOf(valid);
  }

  private static String validEndpoint(String field, String endpoint) {
    Validate.nonBlank(field, endpoint);
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new ValidationException(field, "is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new ValidationException(
          field,
          "must be an http:// or https:// URL such as http://127.0.0.1:2379, got \""
              + endpoint
              + "\"");
    }
    if (uri.getHost() == null || uri.getPort() < 0) {
      throw new ValidationException(
          field,
          "must name a host and a port, e.g. http://127.0.0.1:2379, got \"" + endpoint + "\"");
    }
    boolean bare = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/");
    if (!bare || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
      throw new ValidationException(
          field,
          "must be just scheme, host and port (credentials go in user and password), got \""
              + endpoint
              + "\"");
    }
    return endpoint;
  }

  private static String schemeOf(String endpoint) {
    return URI.create(endpoint).getScheme();
  }

  private static String validNamespace(String namespace) {
    Validate.text("namespace", namespace);
    if (!namespace.startsWith("/") || !namespace.endsWith("/")) {
      throw new ValidationException(
          "namespace", "must start and end with '/', e.g. /aino/v1/, got \"" + namespace + "\"");
    }
    if (namespace.chars().anyMatch(Character::isWhitespace)) {
      throw new ValidationException("namespace", "must not contain white space");
    }
    return namespace;
  }

  private static void requireTlsFile(String field, Path file, boolean tls) {
    if (file == null) {
      return;
    }
    if (!tls) {
      throw new ValidationException(field, "is only used with https endpoints");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ValidationException(field, "is not a readable file: " + file);
    }
  }
}
