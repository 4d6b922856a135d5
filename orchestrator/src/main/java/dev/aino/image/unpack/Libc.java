package dev.aino.image.unpack;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The libc calls that unpack a layer relative to directory descriptors (JNA), and the Linux
 * constants they take. Java's file API resolves whole paths, so a directory an earlier entry made
 * and a later entry swapped for a symbolic link would be followed; these calls name one component
 * below a descriptor that cannot be swapped.
 *
 * <p>Names are passed as UTF-8 whatever the locale, as tar entry names are read.
 */
final class Libc {
  static final int AT_FDCWD = -100;
  static final int AT_SYMLINK_NOFOLLOW = 0x100;
  static final int AT_REMOVEDIR = 0x200;

  static final int O_RDONLY = 0;
  static final int O_WRONLY = 1;
  static final int O_CREAT = 0100;
  static final int O_EXCL = 0200;
  static final int O_CLOEXEC = 02000000;

  /** ARM and PowerPC number these two differently from every other Linux architecture. */
  private static final boolean ARM_OR_POWER = Platform.isARM() || Platform.isPPC();

  static final int O_DIRECTORY = ARM_OR_POWER ? 040000 : 0200000;
  static final int O_NOFOLLOW = ARM_OR_POWER ? 0100000 : 0400000;

  static final int S_IFMT = 0170000;
  static final int S_IFIFO = 0010000;
  static final int S_IFCHR = 0020000;
  static final int S_IFDIR = 0040000;
  static final int S_IFBLK = 0060000;
  static final int S_IFLNK = 0120000;

  static final int STATX_TYPE = 1;
  static final int STATX_MODE = 2;

  /** Size of {@code struct statx}, the same on every architecture, and where its mode is. */
  static final int STATX_SIZE = 256;

  static final int STATX_MODE_OFFSET = 28;

  /** {@code timespec.tv_nsec} value that leaves a time as it is. */
  static final long UTIME_OMIT = (1L << 30) - 2;

  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EEXIST = 17;
  static final int ENOTDIR = 20;
  static final int ENOTSUP = 95;
  static final int ELOOP = 40;

  /** The functions, as C declares them on 64-bit Linux; a failure throws with errno. */
  interface C extends Library {
    int openat(int dirfd, String path, int flags, int mode) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    NativeLong write(int fd, Pointer buf, NativeLong count) throws LastErrorException;

    int mkdirat(int dirfd, String path, int mode) throws LastErrorException;

    int mknodat(int dirfd, String path, int mode, long dev) throws LastErrorException;

    int symlinkat(String target, int dirfd, String linkPath) throws LastErrorException;

    int linkat(int oldDirfd, String oldPath, int newDirfd, String newPath, int flags)
        throws LastErrorException;

    int unlinkat(int dirfd, String path, int flags) throws LastErrorException;

    int fchown(int fd, int uid, int gid) throws LastErrorException;

    int fchownat(int dirfd, String path, int uid, int gid, int flags) throws LastErrorException;

    int fchmod(int fd, int mode) throws LastErrorException;

    int fchmodat(int dirfd, String path, int mode, int flags) throws LastErrorException;

    /** {@code times} is {@code struct timespec[2]}: atime seconds, nanos, mtime seconds, nanos. */
    int futimens(int fd, long[] times) throws LastErrorException;

    int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

    int statx(int dirfd, String path, int flags, int mask, Pointer statx) throws LastErrorException;

    int fsetxattr(int fd, String name, byte[] value, NativeLong size, int flags)
        throws LastErrorException;

    Pointer fdopendir(int fd) throws LastErrorException;

    /** {@code struct dirent64}: its name starts at byte 19 on every 64-bit Linux. */
    Pointer readdir(Pointer dir) throws LastErrorException;

    int closedir(Pointer dir) throws LastErrorException;
  }

  static final int DIRENT_NAME_OFFSET = 19;

  private static final Object LOADED = load();

  private Libc() {}

  /**
   * The loaded libc.
   *
   * @throws IOException when this process cannot load it (not 64-bit Linux, or JNA cannot unpack
   *     its native part, e.g. a noexec temp directory: set {@code jna.tmpdir})
   */
  static C get() throws IOException {
    if (LOADED instanceof C c) {
      return c;
    }
    throw new IOException((String) LOADED);
  }

  private static Object load() {
    if (!Platform.isLinux() || !Platform.is64Bit()) {
      return "unpacking layers needs 64-bit Linux (it uses the *at system calls of its libc)";
    }
    try {
      return Native.load(
          "c", C.class, Map.of(Library.OPTION_STRING_ENCODING, StandardCharsets.UTF_8.name()));
    } catch (LinkageError | RuntimeException e) {
      return "cannot load libc through JNA to unpack layers ("
          + e.getMessage()
          + "); if the temp directory is mounted noexec, point -Djna.tmpdir at one that is not";
    }
  }
}
