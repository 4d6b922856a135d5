package dev.aino.image.registry;

import dev.aino.model.Validate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and password (or token) for one registry, sent as HTTP Basic auth or traded for a
 * bearer token. {@link #toString()} never shows the password.
 */
public record RegistryCredentials(String username, String password) {
  public RegistryCredentials {
    Validate.nonBlank("username", username);
    Validate.required("password", password);
  }

  /** The value of an {@code Authorization} header carrying these credentials. */
  public String basicHeader() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RegistryCredentials[username=" + username + ", password=***]";
  }
}
