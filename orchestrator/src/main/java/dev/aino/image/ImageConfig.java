package dev.aino.image;

import java.util.List;

/**
 * The runtime part of an OCI image configuration.
 *
 * @param entrypoint the image's ENTRYPOINT, empty when none
 * @param cmd the image's CMD, empty when none
 * @param env {@code NAME=value} entries
 * @param workingDir working directory, empty for {@code /}
 * @param user {@code uid[:gid]} or a name, empty for root
 */
public record ImageConfig(
    List<String> entrypoint, List<String> cmd, List<String> env, String workingDir, String user) {
  public static final ImageConfig EMPTY = new ImageConfig(List.of(), List.of(), List.of(), "", "");

  public ImageConfig {
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    env = env == null ? List.of() : List.copyOf(env);
    workingDir = workingDir == null ? "" : workingDir;
    user = user == null ? "" : user;
  }

  /**
   * The argv a container runs: a workload's command replaces the entrypoint and its args replace
   * the cmd, as Kubernetes does.
   */
  public List<String> argv(List<String> command, List<String> args) {
    List<String> head = command.isEmpty() ? entrypoint : command;
    List<String> tail = !args.isEmpty() ? args : command.isEmpty() ? cmd : List.of();
    List<String> out = new java.util.ArrayList<>(head);
    out.addAll(tail);
    return List.copyOf(out);
  }
}
