package dev.aino.runtime.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where this host mounts its cgroup hierarchies, read once from {@code /proc/self/mountinfo}: the
 * unified (v2) hierarchy at {@code /sys/fs/cgroup}, or v1 hierarchies per controller (with or
 * without a v2 hierarchy beside them, "hybrid", in which case runtimes use v1 for limits).
 *
 * <p>A container's cgroup directory is then the hierarchy's mount point joined with its absolute
 * {@code linux.cgroupsPath}, which is how runc, crun and youki place it.
 */
final class CgroupLayout {
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
  private static final Path UNIFIED_ROOT = Path.of("/sys/fs/cgroup");

  private final Path unified;
  private final Map<String, Path> controllers;
  private final List<Path> hierarchies;

  private CgroupLayout(Path unified, Map<String, Path> controllers, List<Path> hierarchies) {
    this.unified = unified;
    this.controllers = controllers;
    this.hierarchies = hierarchies;
  }

  /** The layout of this host; no hierarchies at all when cgroups are not mounted. */
  static CgroupLayout detect() {
    List<String> lines;
    try {
      lines = Files.readAllLines(MOUNTINFO);
    } catch (IOException e) {
      lines = List.of();
    }
    return parse(lines);
  }

  /** The layout described by mountinfo {@code lines}. */
  static CgroupLayout parse(List<String> lines) {
    Path unified = null;
    Map<String, Path> controllers = new LinkedHashMap<>();
    List<Path> hierarchies = new ArrayList<>();
    for (String line : lines) {
      int dash = line.indexOf(" - ");
      if (dash < 0) {
        continue;
      }
      String[] before = line.substring(0, dash).split(" ");
      String[] after = line.substring(dash + 3).split(" ");
      if (before.length < 5 || after.length < 3) {
        continue;
      }
      Path mountPoint = Path.of(MountTable.unescape(before[4]));
      if (after[0].equals("cgroup2")) {
        hierarchies.add(mountPoint);
        if (mountPoint.equals(UNIFIED_ROOT)) {
          unified = mountPoint;
        }
      } else if (after[0].equals("cgroup")) {
        hierarchies.add(mountPoint);
        for (String option : after[2].split(",")) {
          controllers.putIfAbsent(option, mountPoint);
        }
      }
    }
    return new CgroupLayout(unified, controllers, hierarchies);
  }

  /** True on a v2-only host. */
  boolean isUnified() {
    return unified != null;
  }

  /** The cgroup of a container placed at the absolute {@code cgroupsPath}. */
  ContainerCgroup container(String cgroupsPath) {
    String relative = cgroupsPath.replaceFirst("^/+", "");
    if (unified != null) {
      return ContainerCgroup.unified(unified.resolve(relative));
    }
    return ContainerCgroup.v1(
        resolve("cpuacct", relative), resolve("memory", relative), resolve("pids", relative));
  }

  /** Every directory a container at {@code cgroupsPath} may have, in every hierarchy. */
  List<Path> directories(String cgroupsPath) {
    String relative = cgroupsPath.replaceFirst("^/+", "");
    return hierarchies.stream().map(h -> h.resolve(relative)).toList();
  }

  private Path resolve(String controller, String relative) {
    Path mount = controllers.get(controller);
    return mount == null ? null : mount.resolve(relative);
  }
}
