package dev.aino.a2a;

import java.net.URI;

/**
 * Where a client wants a task's updates pushed, and in which version's shape: the URL, the token
 * aino sends back in {@value #TOKEN_HEADER} so the receiver can tell the notification is for it,
 * and the HTTP authentication the receiver wants ({@code Authorization: scheme credentials}).
 * Validated where it is read ({@link PushWire}); kept inside the task's stored document.
 *
 * @param id the config's id, unique within its task
 * @param url where to POST; http or https, its host allowed when the config was set
 * @param token the token to send back, or null
 * @param scheme the authentication scheme (Bearer, Basic, ...), or null
 * @param credentials the credentials for {@code scheme}, or null
 * @param version the protocol version the client set it with, which shapes what is sent
 */
record PushConfig(
    String id, URI url, String token, String scheme, String credentials, A2aVersion version) {
  /** The header that carries the config's token. */
  static final String TOKEN_HEADER = "X-A2A-Notification-Token";

  PushConfig {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id is required");
    }
    if (url == null || url.getHost() == null) {
      throw new IllegalArgumentException("url with a host is required");
    }
    if (version == null) {
      throw new IllegalArgumentException("version is required");
    }
    if (scheme == null && credentials != null) {
      throw new IllegalArgumentException("credentials need a scheme");
    }
  }
}
