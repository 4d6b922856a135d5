package dev.aino.server.http;

import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.api.Surface;
import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The named callers of {@code --tokens-file}: one {@code name role token-hash} per line ({@code #}
 * starts a comment), the role {@code admin}, {@code operator}, {@code viewer} or {@code agent}, the
 * hash the lower-case hex SHA-256 of the token.
 *
 * <p>Why SHA-256 and not a password hash (bcrypt, argon2): a token is a random secret of 256 bits
 * ({@link #newToken()}), not a word a person chose, so no dictionary or brute force can find it
 * from its hash, while a deliberately slow hash would cost every request milliseconds of CPU. The
 * file then reveals no token, and is as safe to back up as the server's other state.
 *
 * <p>The file is read again when its modification time or size changes, at the next request: a
 * token is added or revoked without a restart. A change that does not parse keeps the callers last
 * read (and says so on the log), so a typo cannot lock every caller out, nor let anyone in.
 */
public final class TokensFile {
  private static final System.Logger LOG = System.getLogger(TokensFile.class.getName());
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One named caller: the SHA-256 digest of its token. */
  private record Entry(String name, Role role, byte[] digest) {}

  /** The entries as read, and the file's state they were read from. */
  private record Snapshot(List<Entry> entries, FileTime modified, long size) {}

  private final Path path;
  private volatile Snapshot snapshot;

  private TokensFile(Path path, Snapshot snapshot) {
    this.path = path;
    this.snapshot = snapshot;
  }

  /**
   * Reads the file.
   *
   * @throws ValidationException naming {@code --tokens-file} and the line when it cannot be read or
   *     a line is not {@code name role sha256-hex}
   */
  public static TokensFile load(Path path) {
    return new TokensFile(path, read(path));
  }

  /** The path it reads. */
  public Path path() {
    return path;
  }

  /**
   * The caller whose token has the SHA-256 {@code digest}, if any. Every entry is compared, in
   * constant time, so response timing tells nothing about which tokens exist.
   */
  Optional<Caller> authenticate(byte[] digest) {
    Caller found = null;
    for (Entry e : current().entries()) {
      if (MessageDigest.isEqual(e.digest(), digest) && found == null) {
        found = new Caller(e.name(), e.role(), Surface.REST);
      }
    }
    return Optional.ofNullable(found);
  }

  private Snapshot current() {
    Snapshot seen = snapshot;
    try {
      if (!Files.getLastModifiedTime(path).equals(seen.modified())
          || Files.size(path) != seen.size()) {
        synchronized (this) {
          snapshot = read(path);
          LOG.log(System.Logger.Level.INFO, "read " + path + " again: it changed");
        }
      }
    } catch (IOException | ValidationException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "keeping the callers last read from " + path + ": " + e.getMessage());
    }
    return snapshot;
  }

  private static Snapshot read(Path path) {
    List<String> lines;
    FileTime modified;
    long size;
    try {
      modified = Files.getLastModifiedTime(path);
      size = Files.size(path);
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ValidationException("--tokens-file", "cannot read " + path + ": " + e.getMessage());
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "--tokens-file";
      String at = path + " line " + (i + 1) + ": ";
      String[] words = line.split("\\s+");
      if (words.length != 3) {
        throw new ValidationException(
            where, at + "must be 'name role sha256-hex-of-token', got " + words.length + " words");
      }
      try {
        Validate.dnsLabel("name", words[0]);
      } catch (ValidationException e) {
        throw new ValidationException(where, at + e.getMessage());
      }
      Role role =
          role(words[1])
              .orElseThrow(
                  () ->
                      new ValidationException(
                          where,
                          at
                              + "role must be admin, operator, viewer or agent, got \""
                              + words[1]
                              + "\""));
      if (!HASH.matcher(words[2]).matches()) {
        throw new ValidationException(
            where, at + "the hash must be 64 lower-case hex digits (SHA-256 of the token)");
      }
      Integer earlier = names.putIfAbsent(words[0], i + 1);
      if (earlier != null) {
        throw new ValidationException(
            where, at + "the name " + words[0] + " is already on line " + earlier);
      }
      entries.add(new Entry(words[0], role, HexFormat.of().parseHex(words[2])));
    }
    return new Snapshot(List.copyOf(entries), modified, size);
  }

  /** The role a word names ({@code admin}, {@code operator}, {@code viewer}), if any. */
  public static Optional<Role> role(String word) {
    for (Role r : Role.values()) {
      if (r.id().equals(word.toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** A fresh token: 32 random bytes as 64 hex digits. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The hash the file stores for {@code token}. */
  public static String hash(String token) {
    return HexFormat.of().formatHex(BearerToken.sha256(token));
  }

  /**
   * Adds a caller with a new token to the file at {@code path} (created readable by its owner only
   * when missing) and returns the token, which is stored nowhere else.
   *
   * @throws ValidationException naming {@code NAME} when the name is taken or not a DNS label, or
   *     {@code --tokens-file} when the file cannot be read or written
   */
  public static String create(Path path, String name, Role role) {
    Validate.dnsLabel("NAME", name);
    Validate.required("--role", role);
    if (Files.exists(path)) {
      for (Entry e : read(path).entries()) {
        if (e.name().equals(name)) {
          throw new ValidationException(
              "NAME",
              "a caller named "
                  + name
                  + " is already in "
                  + path
                  + "; remove its line first to replace its token");
        }
      }
    }
    String token = newToken();
    String line = name + " " + role.id() + " " + hash(token) + "\n";
    try {
      if (!Files.exists(path)) {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.createFile(path);
        try {
          Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // The file holds hashes only; its permissions are a second line of defence.
        }
      }
      Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new ValidationException(
          "--tokens-file", "cannot write " + path + ": " + e.getMessage());
    }
    return token;
  }
}
