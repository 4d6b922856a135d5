package dev.aino.image.unpack;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory of a layer held open by its descriptor. Every operation on an entry names one
 * component below this descriptor ({@code openat}, {@code mkdirat}, {@code fchownat} ...) and never
 * follows a symbolic link in that component, so neither a swapped parent nor a link where a file
 * was expected can lead outside the layer.
 */
final class OpenDir extends OpenFd {
  /** What a name in a directory is, seen without following it. */
  enum Kind {
    MISSING,
    DIRECTORY,
    SYMLINK,
    OTHER
  }

  private OpenDir(Libc.C libc, int fd, String path) {
    super(libc, fd, path);
  }

  /** Opens the layer's root directory; {@code dir} is the caller's own, so it may be followed. */
  static OpenDir root(Libc.C libc, Path dir) throws IOException {
    try {
      int fd =
          libc.openat(
              Libc.AT_FDCWD, dir.toString(), Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
      return new OpenDir(libc, fd, ".");
    } catch (LastErrorException e) {
      throw new SyscallException("open", dir.toString(), e);
    }
  }

  /** The path of {@code name} below this directory, for messages. */
  String pathOf(String name) {
    return path.equals(".") ? name : path + "/" + name;
  }

  Kind kind(String name) throws IOException {
    int mode = mode(name);
    if (mode < 0) {
      return Kind.MISSING;
    }
    switch (mode & Libc.S_IFMT) {
      case Libc.S_IFDIR:
        return Kind.DIRECTORY;
      case Libc.S_IFLNK:
        return Kind.SYMLINK;
      default:
        return Kind.OTHER;
    }
  }

  /** The type and mode bits of {@code name} (not followed), or -1 when it does not exist. */
  int mode(String name) throws IOException {
    try (Memory statx = new Memory(Libc.STATX_SIZE)) {
      libc.statx(fd, name, Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_TYPE | Libc.STATX_MODE, statx);
      return statx.getShort(Libc.STATX_MODE_OFFSET) & 0xffff;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == Libc.ENOENT) {
        return -1;
      }
      throw new SyscallException("statx", pathOf(name), e);
    }
  }

  /**
   * Opens the directory {@code name}; fails with {@code ELOOP} or {@code ENOTDIR} when it is a
   * symbolic link or not a directory, whatever it was a moment ago.
   */
  OpenDir child(String name) throws IOException {
    try {
      return new OpenDir(libc, openChild(name), pathOf(name));
    } catch (LastErrorException e) {
      throw new SyscallException("open", pathOf(name), e);
    }
  }

  /** As {@link #child}, but empty when {@code name} is missing, a link or not a directory. */
  OpenDir childIfDirectory(String name) throws IOException {
    try {
      return new OpenDir(libc, openChild(name), pathOf(name));
    } catch (LastErrorException e) {
      int errno = e.getErrorCode();
      if (errno == Libc.ENOENT || errno == Libc.ENOTDIR || errno == Libc.ELOOP) {
        return null;
      }
      throw new SyscallException("open", pathOf(name), e);
    }
  }

  private int openChild(String name) {
    return libc.openat(
        fd, name, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_NOFOLLOW | Libc.O_CLOEXEC, 0);
  }

  void mkdir(String name, int mode) throws IOException {
    try {
      libc.mkdirat(fd, name, mode);
    } catch (LastErrorException e) {
      throw new SyscallException("mkdirat", pathOf(name), e);
    }
  }

  /** Creates the regular file {@code name}, which must not exist ({@code O_EXCL}), for writing. */
  OpenFile createFile(String name) throws IOException {
    try {
      int created =
          libc.openat(
              fd,
              name,
              Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_CLOEXEC,
              0600);
      return new OpenFile(libc, created, pathOf(name));
    } catch (LastErrorException e) {
      throw new SyscallException("openat", pathOf(name), e);
    }
  }

  void symlink(String target, String name) throws IOException {
    try {
      libc.symlinkat(target, fd, name);
    } catch (LastErrorException e) {
      throw new SyscallException("symlinkat", pathOf(name), e);
    }
  }

  /**
   * Makes {@code name} a hard link to {@code fromName} of {@code from}; a symbolic link there is
   * linked itself, never followed.
   */
  void link(OpenDir from, String fromName, String name) throws IOException {
    try {
      libc.linkat(from.fd, fromName, fd, name, 0);
    } catch (LastErrorException e) {
      throw new SyscallException("linkat", pathOf(name), e);
    }
  }

  /** Makes a device node or FIFO: {@code type} is {@link Libc#S_IFCHR}, {@code S_IFBLK} ... */
  void mknod(String name, int type, int major, int minor) throws IOException {
    try {
      libc.mknodat(fd, name, type, device(major, minor));
    } catch (LastErrorException e) {
      throw new SyscallException("mknodat", pathOf(name), e);
    } catch (UnsatisfiedLinkError e) {
      throw new IOException(
          "mknodat " + pathOf(name) + ": this libc has no mknodat (glibc 2.33 or later has)", e);
    }
  }

  /** glibc's {@code makedev}. */
  static long device(int major, int minor) {
    long ma = major & 0xffffffffL;
    long mi = minor & 0xffffffffL;
    return ((ma & 0xfffff000L) << 32)
        | ((ma & 0xfffL) << 8)
        | ((mi & 0xffffff00L) << 12)
        | (mi & 0xffL);
  }

  /** Changes the owner of {@code name}, a symbolic link itself rather than its target. */
  void chown(String name, int uid, int gid) throws IOException {
    try {
      libc.fchownat(fd, name, uid, gid, Libc.AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      throw new SyscallException("fchownat", pathOf(name), e);
    }
  }

  /** Changes the mode of {@code name}, which must not be a symbolic link (they have no mode). */
  void chmod(String name, int mode) throws IOException {
    try {
      libc.fchmodat(fd, name, mode, Libc.AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      throw new SyscallException("fchmodat", pathOf(name), e);
    }
  }

  /** Sets the modification time of {@code name}, a symbolic link itself rather than its target. */
  void setModified(String name, FileTime time) throws IOException {
    try {
      libc.utimensat(fd, name, times(time), Libc.AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      throw new SyscallException("utimensat", pathOf(name), e);
    }
  }

  /** Sets an extended attribute on this directory. */
  void setXattr(String name, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    try {
      libc.fsetxattr(fd, name, bytes, new NativeLong(bytes.length), 0);
    } catch (LastErrorException e) {
      throw new SyscallException("fsetxattr " + name + " on", path, e);
    }
  }

  /** Removes {@code name} and, when it is a directory, everything below it; never follows links. */
  void remove(String name) throws IOException {
    if (kind(name) == Kind.DIRECTORY) {
      try (OpenDir dir = child(name)) {
        for (String entry : dir.names()) {
          dir.remove(entry);
        }
      }
      unlink(name, Libc.AT_REMOVEDIR);
    } else {
      unlink(name, 0);
    }
  }

  private void unlink(String name, int flags) throws IOException {
    try {
      libc.unlinkat(fd, name, flags);
    } catch (LastErrorException e) {
      if (e.getErrorCode() != Libc.ENOENT) {
        throw new SyscallException("unlinkat", pathOf(name), e);
      }
    }
  }

  /** The names in this directory, without "." and "..". */
  private List<String> names() throws IOException {
    int listing;
    try {
      listing = libc.openat(fd, ".", Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
    } catch (LastErrorException e) {
      throw new SyscallException("open", path, e);
    }
    Pointer dir;
    try {
      dir = libc.fdopendir(listing);
    } catch (LastErrorException e) {
      libc.close(listing);
      throw new SyscallException("fdopendir", path, e);
    }
    List<String> names = new ArrayList<>();
    try {
      Pointer entry;
      while ((entry = libc.readdir(dir)) != null) {
        String name = entry.getString(Libc.DIRENT_NAME_OFFSET, StandardCharsets.UTF_8.name());
        if (!name.equals(".") && !name.equals("..")) {
          names.add(name);
        }
      }
    } catch (LastErrorException e) {
      throw new SyscallException("readdir", path, e);
    } finally {
      libc.closedir(dir);
    }
    return names;
  }
}
