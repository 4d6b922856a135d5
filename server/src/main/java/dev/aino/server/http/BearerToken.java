package dev.aino.server.http;

import dev.aino.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret that clients send as {@code Authorization: Bearer <token>}. Incoming tokens are
 * compared by SHA-256 digest; the text is kept only because this server sends the same token to the
 * other servers of its cluster (to read their instances' logs). {@link #toString()} never shows it.
 */
public final class BearerToken {
  private final byte[] digest;
  private final String text;

  private BearerToken(byte[] digest, String text) {
    this.digest = digest;
    this.text = text;
  }

  /**
   * A token from its text.
   *
   * @throws ValidationException naming {@code --token} when it is blank or holds characters that
   *     cannot travel in an HTTP header (spaces, control characters)
   */
  public static BearerToken of(String token) {
    return of(token, "--token");
  }

  /**
   * A token from its text, given as {@code flag} (e.g. {@code --read-token}).
   *
   * @throws ValidationException naming {@code flag} as {@link #of(String)} does
   */
  public static BearerToken of(String token, String flag) {
    if (token == null || token.isBlank()) {
      throw new ValidationException(flag, "must not be blank");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new ValidationException(
            flag, "must be printable ASCII without spaces (it travels in an HTTP header)");
      }
    }
    return new BearerToken(sha256(token), token);
  }

  /**
   * Whether {@code presented} is this token. Compares digests in constant time, so neither the
   * content nor the length of the secret leaks through response timing.
   */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  /** The token itself, to send to another server of the cluster; never log it. */
  public String text() {
    return text;
  }

  /** Whether the SHA-256 {@code presentedDigest} is this token's, in constant time. */
  boolean matchesDigest(byte[] presentedDigest) {
    return MessageDigest.isEqual(digest, presentedDigest);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "BearerToken[redacted]";
  }
}
