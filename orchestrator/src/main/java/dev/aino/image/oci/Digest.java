package dev.aino.image.oci;

import dev.aino.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A SHA-256 content digest, {@code sha256:<64 lower-case hex>}. aino verifies every blob and
 * manifest it reads against one, so other algorithms are refused rather than trusted unchecked.
 *
 * @param hex the 64 lower-case hex digits
 */
public record Digest(String hex) {
  /** The only algorithm aino verifies. */
  public static final String SHA256 = "sha256";

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public Digest {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw new ValidationException("digest", "must be 64 lower-case hex digits, got " + hex);
    }
  }

  /**
   * Parses {@code sha256:<hex>}, naming {@code field} in the error.
   *
   * @throws ValidationException when malformed or of another algorithm
   */
  public static Digest parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new ValidationException(field, "is required");
    }
    int colon = text.indexOf(':');
    String algorithm = colon < 0 ? "" : text.substring(0, colon);
    if (!SHA256.equals(algorithm)) {
      throw new ValidationException(
          field,
          "must be a sha256:<hex> digest, got \"" + clip(text) + "\" (only sha256 is verified)");
    }
    String hex = text.substring(colon + 1);
    if (!HEX.matcher(hex).matches()) {
      throw new ValidationException(
          field, "must be sha256 and 64 lower-case hex digits, got \"" + clip(text) + "\"");
    }
    return new Digest(hex);
  }

  /** The digest of {@code bytes}. */
  public static Digest of(byte[] bytes) {
    return new Digest(HexFormat.of().formatHex(newSha256().digest(bytes)));
  }

  /** The digest of a string's UTF-8 bytes. */
  public static Digest ofUtf8(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The digest a finished {@link MessageDigest} computed. */
  public static Digest of(MessageDigest finished) {
    return new Digest(HexFormat.of().formatHex(finished.digest()));
  }

  /** A fresh SHA-256 hasher. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The first 12 hex digits, for log lines and directory names people read. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return SHA256 + ":" + hex;
  }

  private static String clip(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }
}
