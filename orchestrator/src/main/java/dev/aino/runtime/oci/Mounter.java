package dev.aino.runtime.oci;

import java.nio.file.Path;

/**
 * Mounts and unmounts file systems in the agent's own mount namespace, where the bundles' root
 * filesystems live. Two ways: the system calls themselves ({@link SyscallMounter}), or util-linux's
 * {@code mount} and {@code umount} commands ({@link CommandMounter}) where libc cannot be loaded.
 */
interface Mounter {
  /** How this mounter mounts, for the start-up log: {@code mount(2)} or {@code mount(8)}. */
  String name();

  /**
   * Mounts an overlay at {@code target}.
   *
   * @param options overlayfs options ({@code lowerdir=...,upperdir=...,workdir=...})
   * @throws MountException with the reason when the kernel or the command refuses
   */
  void mountOverlay(String options, Path target) throws MountException;

  /**
   * Unmounts {@code target}: at once, or with {@code lazy} detached now and freed by the kernel
   * once its last user is gone.
   *
   * @throws MountException with the reason, e.g. busy
   */
  void unmount(Path target, boolean lazy) throws MountException;

  /** The mounter of this host: the system calls when libc loads, else the commands. */
  static Mounter forHost(CommandMounter fallback) {
    return SyscallMounter.load().<Mounter>map(m -> m).orElse(fallback);
  }

  /** Why a mount or an unmount failed, in words for an operator. */
  final class MountException extends Exception {
    private static final long serialVersionUID = 1L;

    MountException(String reason) {
      super(reason);
    }
  }
}
