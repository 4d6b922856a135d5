package dev.aino.runtime.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The mount points of the agent's mount namespace, from {@code /proc/self/mountinfo}. */
final class MountTable {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private MountTable() {}

  /** Every mount point, in mount order. */
  static List<Path> mountPoints() {
    List<String> lines;
    try {
      lines = Files.readAllLines(MOUNTINFO);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + MOUNTINFO, e);
    }
    List<Path> points = new ArrayList<>(lines.size());
    for (String line : lines) {
      String[] fields = line.split(" ");
      if (fields.length > 4) {
        points.add(Path.of(unescape(fields[4])));
      }
    }
    return points;
  }

  static boolean isMountPoint(Path path) {
    return mountPoints().contains(path.toAbsolutePath().normalize());
  }

  /** Mount points at or below {@code dir}. */
  static List<Path> mountsUnder(Path dir) {
    Path prefix = dir.toAbsolutePath().normalize();
    return mountPoints().stream().filter(p -> p.startsWith(prefix)).toList();
  }

  /** mountinfo writes space, tab, newline and backslash as three-digit octal escapes. */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
