package dev.aino.runtime.oci;

import dev.aino.error.RuntimeFailureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The numeric user a container's process runs as, resolved from an image's {@code USER} the way
 * Docker does: empty is root; {@code uid} and {@code uid:gid} are taken as they are (a uid with an
 * entry in the image's {@code /etc/passwd} gets that entry's primary group, otherwise group 0); a
 * user or group name is looked up in the image's {@code /etc/passwd} or {@code /etc/group}.
 *
 * @param uid the user id
 * @param gid the primary group id
 */
record ImageUser(long uid, long gid) {
  static final ImageUser ROOT = new ImageUser(0, 0);

  /**
   * Resolves {@code user} against the image's {@code layers} (lowest first).
   *
   * @throws RuntimeFailureException naming {@code owner} when a name is not in the image
   */
  static ImageUser resolve(String user, List<Path> layers, String owner) {
    if (user == null || user.isBlank()) {
      return ROOT;
    }
    int colon = user.indexOf(':');
    String userPart = colon < 0 ? user : user.substring(0, colon);
    String groupPart = colon < 0 ? null : user.substring(colon + 1);
    List<String[]> passwd = entries(layers, "passwd");
    long uid;
    Long primaryGid = null;
    if (isNumber(userPart)) {
      uid = Long.parseLong(userPart);
      Optional<String[]> entry = find(passwd, 2, userPart);
      if (entry.isPresent()) {
        primaryGid = number(entry.get(), 3);
      }
    } else {
      String[] entry =
          find(passwd, 0, userPart)
              .orElseThrow(
                  () -> unresolved(owner, "user", userPart, "/etc/passwd", passwd.isEmpty()));
      uid = number(entry, 2);
      primaryGid = number(entry, 3);
    }
    long gid;
    if (groupPart == null || groupPart.isEmpty()) {
      gid = primaryGid == null ? 0 : primaryGid;
    } else if (isNumber(groupPart)) {
      gid = Long.parseLong(groupPart);
    } else {
      List<String[]> groups = entries(layers, "group");
      String[] entry =
          find(groups, 0, groupPart)
              .orElseThrow(
                  () -> unresolved(owner, "group", groupPart, "/etc/group", groups.isEmpty()));
      gid = number(entry, 2);
    }
    return new ImageUser(uid, gid);
  }

  /**
   * The colon-separated entries of the image's {@code /etc/<file>}: the one in the highest layer
   * that has it, unless a higher layer deleted it.
   */
  private static List<String[]> entries(List<Path> layers, String file) {
    List<Path> highestFirst = new ArrayList<>(layers);
    Collections.reverse(highestFirst);
    for (Path layer : highestFirst) {
      Path etc = layer.resolve("etc");
      Path candidate = etc.resolve(file);
      if (Files.exists(etc.resolve(".wh." + file), LinkOption.NOFOLLOW_LINKS)) {
        return List.of();
      }
      if (Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
        return parse(candidate);
      }
      if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
        return List.of(); // a whiteout device or something else that is not a file
      }
    }
    return List.of();
  }

  private static List<String[]> parse(Path file) {
    List<String[]> entries = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          entries.add(line.split(":", -1));
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return entries;
  }

  private static Optional<String[]> find(List<String[]> entries, int field, String value) {
    return entries.stream().filter(e -> e.length > field && e[field].equals(value)).findFirst();
  }

  private static Long number(String[] entry, int field) {
    return entry.length > field && isNumber(entry[field]) ? Long.parseLong(entry[field]) : 0L;
  }

  private static boolean isNumber(String text) {
    return !text.isEmpty() && text.length() < 11 && text.chars().allMatch(Character::isDigit);
  }

  private static RuntimeFailureException unresolved(
      String owner, String kind, String name, String file, boolean fileMissing) {
    return new RuntimeFailureException(
        "starting "
            + owner
            + ": the image's "
            + kind
            + " \""
            + name
            + "\" is not in its "
            + file
            + (fileMissing ? " (the image has no " + file + ")" : "")
            + "; give a numeric uid[:gid] instead");
  }
}
