package dev.aino.runtime.oci;

import dev.aino.runtime.host.HostCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts with util-linux's {@code mount} and {@code umount}, each call a child process: a few
 * milliseconds of CPU apiece, so only where {@link SyscallMounter} cannot load libc. Arguments go
 * as an argv, never through a shell.
 */
final class CommandMounter implements Mounter {
  private final HostCommand commands;
  private final Duration timeout;

  CommandMounter(HostCommand commands, Duration timeout) {
    this.commands = commands;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "mount(8)";
  }

  @Override
  public void mountOverlay(String options, Path target) throws MountException {
    run("mount", List.of("mount", "-t", "overlay", "overlay", "-o", options, target.toString()));
  }

  @Override
  public void unmount(Path target, boolean lazy) throws MountException {
    List<String> argv = new ArrayList<>(List.of("umount"));
    if (lazy) {
      argv.add("-l");
    }
    argv.add(target.toString());
    run("umount", argv);
  }

  private void run(String command, List<String> argv) throws MountException {
    HostCommand.Result result =
        commands.run(command + " " + argv.get(argv.size() - 1), argv, timeout);
    if (!result.succeeded()) {
      throw new MountException(
          command + " exited with " + result.exitCode() + ": " + result.diagnostic());
    }
  }
}
