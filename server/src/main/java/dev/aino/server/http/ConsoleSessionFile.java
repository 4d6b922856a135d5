package dev.aino.server.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@link ConsoleSessions} keeps its sessions across restarts: one line per session, {@code
 * <sha256 of the session id> <csrf token> <sha256 of the login token> <expiry, epoch seconds>},
 * written whole to a temporary file and moved over the old one, so a crash mid-write leaves the old
 * file. Sessions are a convenience, not state the cluster depends on: a line that does not read is
 * dropped with a warning (its user logs in again), and a file that cannot be written is logged and
 * the sessions carry on in memory.
 */
final class ConsoleSessionFile {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleSessionFile.class);
  private static final String HEADER = "# aino console sessions v1";

  /** A kept session: what the digest of its cookie maps to. */
  record Entry(String csrfToken, byte[] tokenDigest, Instant expiresAt) {}

  private final Path path;

  ConsoleSessionFile(Path path) {
    this.path = path;
  }

  /** The sessions in the file that have not expired at {@code now}; none when there is no file. */
  Map<String, Entry> read(Instant now) {
    Map<String, Entry> read = new HashMap<>();
    if (!Files.exists(path)) {
      return read;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("cannot read console sessions from {}: {}; everyone logs in again", path, e);
      return read;
    }
    for (int n = 1; n <= lines.size(); n++) {
      String line = lines.get(n - 1);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" ");
      try {
        if (f.length != 4 || f[0].length() != 64 || f[2].length() != 64 || f[1].isEmpty()) {
          throw new IllegalArgumentException(
              "expected 4 fields: id digest, csrf, token digest, expiry");
        }
        HexFormat.of().parseHex(f[0]);
        Entry entry =
            new Entry(
                f[1], HexFormat.of().parseHex(f[2]), Instant.ofEpochSecond(Long.parseLong(f[3])));
        if (entry.expiresAt().isAfter(now)) {
          read.put(f[0], entry);
        }
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        LOG.warn(
            "{} line {}: dropped a console session that does not read: {}",
            path,
            n,
            e.getMessage());
      }
    }
    return read;
  }

  /** Replaces the file with {@code sessions}. */
  void write(Map<String, Entry> sessions) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    sessions.forEach(
        (idDigest, e) ->
            text.append(idDigest)
                .append(' ')
                .append(e.csrfToken())
                .append(' ')
                .append(HexFormat.of().formatHex(e.tokenDigest()))
                .append(' ')
                .append(e.expiresAt().getEpochSecond())
                .append('\n'));
    Path temp = path.resolveSibling(path.getFileName() + ".tmp");
    try {
      Files.createDirectories(path.getParent());
      Files.deleteIfExists(temp);
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.warn("cannot write console sessions to {}: {}; they last until a restart", path, e);
    }
  }
}
