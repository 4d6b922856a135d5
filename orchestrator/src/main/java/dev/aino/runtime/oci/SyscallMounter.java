package dev.aino.runtime.oci;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code mount(2)} and {@code umount2(2)} through libc (JNA): microseconds where the {@code
 * mount} command costs a process, a few milliseconds of CPU on every container start and stop. The
 * kernel says only an errno; the message adds what that errno usually means for an overlay.
 */
final class SyscallMounter implements Mounter {
  private static final Logger LOG = LoggerFactory.getLogger(SyscallMounter.class);

  private static final int MNT_DETACH = 2;
  private static final int EPERM = 1;
  private static final int ENOENT = 2;
  private static final int EBUSY = 16;
  private static final int ENOTDIR = 20;
  private static final int EINVAL = 22;
  private static final int ENODEV = 19;

  /** The two libc functions, as C declares them; a failure throws with errno. */
  interface LibC extends Library {
    int mount(String source, String target, String type, NativeLong flags, String data)
        throws LastErrorException;

    int umount2(String target, int flags) throws LastErrorException;
  }

  private final LibC libc;

  private SyscallMounter(LibC libc) {
    this.libc = libc;
  }

  /** Loads libc; empty (and why at debug level) where JNA cannot, e.g. a noexec temp dir. */
  static Optional<SyscallMounter> load() {
    try {
      return Optional.of(new SyscallMounter(Native.load("c", LibC.class)));
    } catch (LinkageError | RuntimeException e) {
      LOG.debug("libc cannot be loaded, mounting with the mount command: {}", e.toString());
      return Optional.empty();
    }
  }

  @Override
  public String name() {
    return "mount(2)";
  }

  @Override
  public void mountOverlay(String options, Path target) throws MountException {
    try {
      libc.mount("overlay", target.toString(), "overlay", new NativeLong(0), options);
    } catch (LastErrorException e) {
      throw new MountException("mount(2) failed: " + explainMount(e.getErrorCode(), e));
    }
  }

  @Override
  public void unmount(Path target, boolean lazy) throws MountException {
    try {
      libc.umount2(target.toString(), lazy ? MNT_DETACH : 0);
    } catch (LastErrorException e) {
      String why = e.getErrorCode() == EBUSY ? "target is busy" : describe(e);
      throw new MountException("umount2(2) failed: " + why);
    }
  }

  private static String explainMount(int errno, LastErrorException e) {
    switch (errno) {
      case ENODEV:
        return describe(e) + " (this kernel has no overlayfs: modprobe overlay)";
      case EPERM:
        return describe(e) + " (mounting needs root, with CAP_SYS_ADMIN)";
      case ENOENT:
      case ENOTDIR:
        return describe(e) + " (a layer, the upper or work directory, or the mount point is gone)";
      case EINVAL:
        return describe(e)
            + " (overlayfs refused the options: the upper directory's file system may not"
            + " support overlay, e.g. an overlay or NFS data directory; the kernel log says more)";
      default:
        return describe(e);
    }
  }

  /** JNA's message is "[errno] strerror". */
  private static String describe(LastErrorException e) {
    return e.getMessage();
  }
}
