package dev.aino.server;

import dev.aino.error.ValidationException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach etcd for {@code --store etcd}.
 *
 * @param endpoints client URLs such as {@code http://127.0.0.1:2379}, at least one
 * @param user the etcd user, or null to connect without authentication
 * @param passwordFile a file holding the user's password, required with {@code user}; a file rather
 *     than a flag so the password never shows in {@code ps}
 * @param requestTimeout the longest one call to etcd may take; etcd's store default when null
 */
public record EtcdSettings(
    List<String> endpoints, String user, Path passwordFile, Duration requestTimeout) {
  /** Where a locally started etcd listens by default. */
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:2379";

  public EtcdSettings {
    endpoints = endpoints == null || endpoints.isEmpty() ? List.of(DEFAULT_ENDPOINT) : endpoints;
    endpoints.forEach(EtcdSettings::checkEndpoint);
    endpoints = List.copyOf(endpoints);
    if (user != null && user.isBlank()) {
      throw new ValidationException("--etcd-user", "must not be blank");
    }
    if (user != null && passwordFile == null) {
      throw new ValidationException("--etcd-password-file", "is required with --etcd-user");
    }
    if (user == null && passwordFile != null) {
      throw new ValidationException("--etcd-user", "is required with --etcd-password-file");
    }
    if (passwordFile != null && !Files.isReadable(passwordFile)) {
      throw new ValidationException("--etcd-password-file", "cannot read " + passwordFile);
    }
  }

  /** Settings with the default request timeout. */
  public EtcdSettings(List<String> endpoints, String user, Path passwordFile) {
    this(endpoints, user, passwordFile, null);
  }

  /** The password from {@link #passwordFile()}, without a trailing line break; null if none. */
  public String password() {
    if (passwordFile == null) {
      return null;
    }
    try {
      return Files.readString(passwordFile, StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new ValidationException(
          "--etcd-password-file", "cannot read " + passwordFile + ": " + e.getMessage());
    }
  }

  private static void checkEndpoint(String endpoint) {
    boolean ok;
    try {
      URI uri = new URI(endpoint);
      ok =
          ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
              && uri.getHost() != null;
    } catch (URISyntaxException e) {
      ok = false;
    }
    if (!ok) {
      throw new ValidationException(
          "--etcd-endpoints", "must be an http:// or https:// URL, got \"" + endpoint + "\"");
    }
  }
}
