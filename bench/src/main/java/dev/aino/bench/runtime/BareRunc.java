package dev.aino.bench.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.bench.LatencyRecorder;
import dev.aino.bench.Machine;
import dev.aino.files.FileTrees;
import dev.aino.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline: {@code runc run -d} on bundles prepared beforehand, with no orchestrator around it.
 * Each bundle holds the {@code config.json} aino generated for the same workload (only the cgroup
 * path differs) and a root filesystem overlay-mounted over the same image layers as aino mounts
 * them, so runc does the same work inside (namespaces, pivot_root, mounts, cgroup limits). Only
 * {@code runc run -d} is timed; the overlay mount is timed apart, and {@code runc delete -f} and
 * the unmount afterwards are not timed. runc keeps its state under a {@code --root} of its own.
 */
final class BareRunc {
  /** What one round measured. */
  record Result(
      LatencyRecorder runs, LatencyRecorder mounts, long wallNanos, long busyCpuNanos, int count) {}

  private final Path runc;
  private final Path dir;
  private final byte[] configTemplate;
  private final List<Path> layers;
  private final String cgroupParent;
  private int next;

  /**
   * @param dir a directory of its own for bundles, runc's state and output
   * @param configTemplate the {@code config.json} of a container aino started for the workload
   * @param layers the image's layer directories, lowest first
   */
  BareRunc(Path runc, Path dir, byte[] configTemplate, List<Path> layers, String cgroupParent) {
    this.runc = runc;
    this.dir = dir;
    this.configTemplate = configTemplate;
    this.layers = layers;
    this.cgroupParent = cgroupParent;
  }

  /**
   * Starts {@code count} containers, {@code atOnce} at a time (each group's {@code runc run -d}
   * processes launched together, the next group once all of them returned), then removes them.
   */
  Result run(int count, int atOnce) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    LatencyRecorder mounts = new LatencyRecorder();
    LatencyRecorder runs = new LatencyRecorder();
    try {
      for (int i = 0; i < count; i++) {
        String id = "bare-" + next++;
        ids.add(id);
        long t0 = System.nanoTime();
        prepare(id);
        mounts.record(System.nanoTime() - t0);
      }
      long wall = 0;
      long busy = 0;
      for (int from = 0; from < count; from += atOnce) {
        List<String> group = ids.subList(from, Math.min(count, from + atOnce));
        List<CompletableFuture<Long>> ends = new ArrayList<>();
        List<Process> processes = new ArrayList<>();
        long t0 = System.nanoTime();
        long busy0 = Machine.busyCpuNanos();
        for (String id : group) {
          Process p = runc(List.of("run", "-d", "--bundle", bundle(id).toString(), id), id);
          processes.add(p);
          ends.add(p.onExit().thenApply(ended -> System.nanoTime()));
        }
        for (int i = 0; i < processes.size(); i++) {
          int code = processes.get(i).waitFor();
          runs.record(ends.get(i).join() - t0);
          if (code != 0) {
            throw new IllegalStateException(
                "runc run -d "
                    + group.get(i)
                    + " exited with "
                    + code
                    + ": "
                    + output(group.get(i)));
          }
        }
        wall += System.nanoTime() - t0;
        busy += Machine.busyCpuNanos() - busy0;
      }
      return new Result(runs, mounts, wall, busy, count);
    } finally {
      for (String id : ids) {
        remove(id);
      }
    }
  }

  /** The bundle: aino's config with a cgroup of its own, and the overlay root mounted. */
  private void prepare(String id) throws IOException, InterruptedException {
    Path bundle = bundle(id);
    Files.createDirectories(bundle.resolve("rootfs"));
    Files.createDirectories(bundle.resolve("upper"));
    Files.createDirectories(bundle.resolve("work"));
    ObjectNode config = (ObjectNode) Json.mapper().readTree(configTemplate);
    ((ObjectNode) config.get("linux")).put("cgroupsPath", cgroupParent + "/" + id);
    Files.write(bundle.resolve("config.json"), Json.mapper().writeValueAsBytes(config));
    List<String> lower = new ArrayList<>();
    layers.forEach(l -> lower.add(l.toString()));
    Collections.reverse(lower);
    String options =
        "lowerdir="
            + String.join(":", lower)
            + ",upperdir="
            + bundle.resolve("upper")
            + ",workdir="
            + bundle.resolve("work");
    check(
        List.of("mount", "-t", "overlay", "overlay", "-o", options, bundle.resolve("rootfs") + ""),
        id);
  }

  private void remove(String id) throws IOException, InterruptedException {
    Path bundle = bundle(id);
    if (!Files.isDirectory(bundle)) {
      return;
    }
    runc(List.of("delete", "-f", id), id).waitFor();
    launch(List.of("umount", bundle.resolve("rootfs").toString()), id).waitFor();
    FileTrees.delete(bundle);
  }

  private void check(List<String> argv, String id) throws IOException, InterruptedException {
    int code = launch(argv, id).waitFor();
    if (code != 0) {
      throw new IllegalStateException(argv + " exited with " + code + ": " + output(id));
    }
  }

  /** {@code runc --root R <args>}. */
  private Process runc(List<String> args, String id) throws IOException {
    List<String> argv = new ArrayList<>(List.of(runc.toString(), "--root", dir + "/state"));
    argv.addAll(args);
    return launch(argv, id);
  }

  /** Starts {@code argv}, its output appended to the container's log. */
  private Process launch(List<String> argv, String id) throws IOException {
    Files.createDirectories(dir.resolve("logs"));
    return new ProcessBuilder(argv)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(id).toFile()))
        .start();
  }

  private Path bundle(String id) {
    return dir.resolve("bundles").resolve(id);
  }

  private Path log(String id) {
    return dir.resolve("logs").resolve(id + ".log");
  }

  private String output(String id) {
    try {
      return Files.readString(log(id)).trim();
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
