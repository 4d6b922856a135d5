package dev.aino.runtime.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.RuntimeFailureException;
import dev.aino.json.Json;
import dev.aino.runtime.host.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The OCI runtime's command line, as argv lists, with only the flags runc, crun and youki share.
 * Every command runs with {@code --root} set to aino's own state directory, so aino sees and
 * touches only its own containers.
 */
final class OciCli {
  private final OciBinary binary;
  private final Path root;
  private final HostCommand commands;
  private final Duration timeout;
  private final Path setsid;

  /**
   * @param setsid util-linux {@code setsid}, to start {@code run} in a session of its own; null
   *     when the host has none
   */
  OciCli(OciBinary binary, Path root, HostCommand commands, Duration timeout, Path setsid) {
    this.binary = binary;
    this.root = root;
    this.commands = commands;
    this.timeout = timeout;
    this.setsid = setsid;
  }

  /**
   * {@code run --keep}: creates and starts the container and stays its parent until it exits, then
   * exits with the container's exit code (128 + signal when killed). {@code --keep} leaves the
   * stopped container, and so its cgroup, in place until {@link #delete}, so its OOM counter can
   * still be read after it ended. The runtime's own messages go to {@code runtimeLog} as JSON.
   *
   * <p>Started through {@code setsid --wait} when available, so runc does not share the agent's
   * process group and a signal meant for the agent (Ctrl-C in its terminal) does not reach runc,
   * which would forward it to the container. A child of the JVM is never a group leader, so {@code
   * setsid} execs runc in place and the exit code is runc's.
   */
  List<String> runArgv(Bundle bundle, String containerId) {
    List<String> argv = new ArrayList<>();
    if (setsid != null) {
      argv.add(setsid.toString());
      argv.add("--wait");
    }
    argv.addAll(global());
    argv.addAll(
        List.of(
            "--log",
            bundle.runtimeLog().toString(),
            "--log-format",
            "json",
            "run",
            "--bundle",
            bundle.dir().toString(),
            "--pid-file",
            bundle.pidFile().toString(),
            "--keep",
            containerId));
    return argv;
  }

  /** {@code exec --pid-file F ID argv...}: the exec'd process's pid goes to {@code pidFile}. */
  List<String> execArgv(String containerId, Path pidFile, List<String> command) {
    List<String> argv = global();
    argv.addAll(List.of("exec", "--pid-file", pidFile.toString(), containerId));
    argv.addAll(command);
    return argv;
  }

  /** The container's state; empty when the runtime does not know it. */
  Optional<OciState> state(String containerId) {
    List<String> argv = global();
    argv.addAll(List.of("state", containerId));
    HostCommand.Result result = commands.run("reading the state of " + containerId, argv, timeout);
    if (!result.succeeded()) {
      if (!knows(containerId)) {
        return Optional.empty();
      }
      throw failure("reading the state of container " + containerId, result);
    }
    return Optional.of(OciState.of(parse(result.stdout(), "state of " + containerId)));
  }

  /**
   * Sends {@code signal} to the container's init process. Failure is not reported: a container that
   * is no longer running cannot be signalled, and the caller checks what happened.
   */
  void kill(String containerId, int signal) {
    List<String> argv = global();
    argv.addAll(List.of("kill", containerId, Integer.toString(signal)));
    commands.run("signalling container " + containerId, argv, timeout);
  }

  /** {@code delete --force}: kills it if needed and removes its state and cgroup. Idempotent. */
  void delete(String containerId) {
    List<String> argv = global();
    argv.addAll(List.of("delete", "--force", containerId));
    HostCommand.Result result = commands.run("deleting container " + containerId, argv, timeout);
    if (!result.succeeded() && knows(containerId)) {
      throw failure("deleting container " + containerId, result);
    }
  }

  /** Every container under aino's root. */
  List<OciState> list() {
    List<String> argv = global();
    argv.addAll(List.of("list", "--format", "json"));
    HostCommand.Result result = commands.run("listing containers", argv, timeout);
    if (!result.succeeded()) {
      throw failure("listing containers", result);
    }
    List<OciState> states = new ArrayList<>();
    if (result.stdout().isBlank()) {
      return states;
    }
    for (JsonNode node : parse(result.stdout(), "container list")) { // "null" when empty
      states.add(OciState.of(node));
    }
    return states;
  }

  /**
   * True when the runtime still has state for the container. All three keep one directory per
   * container under the root, named by its id; reading that is how "does not exist" is told apart
   * from other failures without parsing three runtimes' messages.
   */
  boolean knows(String containerId) {
    return Files.isDirectory(root.resolve(containerId));
  }

  private List<String> global() {
    List<String> argv = new ArrayList<>();
    argv.add(binary.path().toString());
    argv.add("--root");
    argv.add(root.toString());
    return argv;
  }

  private JsonNode parse(String json, String what) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "reading the " + what + " from " + binary.name() + ": not JSON: " + e.getMessage(), e);
    }
  }

  private RuntimeFailureException failure(String doing, HostCommand.Result result) {
    return new RuntimeFailureException(
        doing
            + ": "
            + binary.name()
            + " exited with "
            + result.exitCode()
            + ": "
            + OciMessages.lastError(result.diagnostic()));
  }
}
