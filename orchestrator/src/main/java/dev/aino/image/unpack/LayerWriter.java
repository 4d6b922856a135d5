package dev.aino.image.unpack;

import com.sun.jna.Memory;
import dev.aino.image.ImagePullErrors;
import dev.aino.image.oci.Digest;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the entries of one layer's tar stream below its directory, never outside it (see the
 * package documentation), converting whiteouts to overlayfs form.
 *
 * <p>Every file operation goes through a descriptor of the directory it happens in, opened
 * component by component from the layer's root without following links ({@link OpenDir}); owner,
 * mode and time of files and directories are set through their own descriptors. A path is never
 * resolved again after an entry could have changed it.
 */
final class LayerWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LayerWriter.class);
  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE_MARKER = ".wh..wh..opq";
  private static final String OPAQUE_XATTR = "trusted.overlay.opaque";
  private static final int DIR_MODE = 0755;
  private static final int SET_ID_BITS = 06000;

  /** A directory entry, whose metadata is applied after all entries: writing into it changes it. */
  private record DirMeta(List<String> parts, TarArchiveEntry entry) {}

  private final Libc.C libc;
  private final OpenDir root;
  private final Digest layer;
  private final boolean privileged;

  /** Whiteouts this layer made; an entry of the same layer with that name replaces them. */
  private final Set<String> whiteouts = new HashSet<>();

  /** Directory entries by path; a later entry of the same path replaces the earlier one. */
  private final Map<String, DirMeta> dirs = new LinkedHashMap<>();

  private final Memory buffer = new Memory(64 * 1024);
  private final byte[] chunk = new byte[64 * 1024];

  LayerWriter(Path root, Digest layer, boolean privileged) throws IOException {
    this.libc = Libc.get();
    this.root = OpenDir.root(libc, root.toAbsolutePath());
    this.layer = layer;
    this.privileged = privileged;
    // The layer's root becomes the container's "/" when no entry says otherwise.
    this.root.chmod(DIR_MODE);
  }

  /** Writes one entry; {@code content} is positioned at its data. */
  void write(TarArchiveEntry entry, TarReader content) throws IOException {
    String name = entry.getName();
    List<String> parts = EntryPath.parse(name, layer, "entry");
    if (parts.isEmpty()) {
      if (entry.isDirectory()) {
        recordDirectory(parts, entry);
      }
      return;
    }
    String base = parts.get(parts.size() - 1);
    try (OpenDir parent = directoryFor(parts.subList(0, parts.size() - 1), name)) {
      write(entry, content, parts, parent, base);
    }
  }

  private void write(
      TarArchiveEntry entry, TarReader content, List<String> parts, OpenDir parent, String base)
      throws IOException {
    String name = entry.getName();
    if (base.equals(OPAQUE_MARKER)) {
      mark(() -> parent.setXattr(OPAQUE_XATTR, "y"), "mark directory opaque for", name);
      return;
    }
    if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
      return; // aufs bookkeeping (e.g. .wh..wh.plnk): meaningless outside aufs
    }
    if (base.startsWith(WHITEOUT_PREFIX)) {
      whiteout(parent, base.substring(WHITEOUT_PREFIX.length()), name);
      return;
    }
    if (entry.isDirectory()) {
      if (parent.kind(base) != OpenDir.Kind.DIRECTORY) {
        remove(parent, base);
        parent.mkdir(base, DIR_MODE);
      }
      recordDirectory(parts, entry);
      return;
    }
    remove(parent, base);
    if (entry.isSymbolicLink()) {
      symlink(parent, base, entry);
    } else if (entry.isLink()) {
      LinkTarget target = hardLinkTarget(entry);
      try (OpenDir from = target.dir()) {
        parent.link(from, target.name(), base);
      }
    } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      special(parent, base, entry);
    } else {
      writeFile(parent, base, entry, content);
    }
  }

  /**
   * Applies the directories' owners, modes and times, now that nothing more is written: children
   * before parents, each through a descriptor opened from the root without following links.
   */
  void finish() throws IOException {
    List<DirMeta> recorded = new ArrayList<>(dirs.values());
    for (int i = recorded.size() - 1; i >= 0; i--) {
      DirMeta d = recorded.get(i);
      try (OpenDir dir = existingDirectory(d.parts())) {
        if (dir == null) {
          // Unreachable while remove() forgets what it removes; a second guard, never followed.
          LOG.debug("layer {}: directory {} is gone, its metadata skipped", layer, d.parts());
          continue;
        }
        applyOwner(dir, d.entry());
        dir.chmod(mode(d.entry()));
        FileTime modified = d.entry().getLastModifiedTime();
        if (modified != null) {
          dir.setModified(modified);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    buffer.close();
    root.close();
  }

  private void recordDirectory(List<String> parts, TarArchiveEntry entry) {
    String key = String.join("/", parts);
    dirs.remove(key);
    dirs.put(key, new DirMeta(List.copyOf(parts), entry));
  }

  private void writeFile(OpenDir parent, String base, TarArchiveEntry entry, TarReader content)
      throws IOException {
    try (OpenFile file = parent.createFile(base)) {
      int n;
      while ((n = content.read(chunk)) >= 0) {
        buffer.write(0, chunk, 0, n);
        file.write(buffer, n);
      }
      applyOwner(file, entry);
      file.chmod(mode(entry));
      FileTime modified = entry.getLastModifiedTime();
      if (modified != null) {
        file.setModified(modified);
      }
    }
  }

  private void symlink(OpenDir parent, String base, TarArchiveEntry entry) throws IOException {
    String target = entry.getLinkName();
    // Any target is allowed: it is resolved inside the container at run time, never here.
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      throw EntryPath.escape(layer, "symbolic link target", target, "is not a valid path");
    }
    parent.symlink(target, base);
    if (privileged) {
      parent.chown(base, (int) entry.getLongUserId(), (int) entry.getLongGroupId());
    }
    FileTime modified = entry.getLastModifiedTime();
    if (modified != null) {
      parent.setModified(base, modified);
    }
  }

  private void special(OpenDir parent, String base, TarArchiveEntry entry) throws IOException {
    if (!privileged) {
      // Only root can make device nodes; runtimes give containers their own /dev anyway.
      LOG.debug("layer {}: skipped device or fifo {} (not root)", layer, entry.getName());
      return;
    }
    int type = entry.isFIFO() ? Libc.S_IFIFO : entry.isBlockDevice() ? Libc.S_IFBLK : Libc.S_IFCHR;
    mark(
        () -> parent.mknod(base, type, entry.getDevMajor(), entry.getDevMinor()),
        entry.isFIFO() ? "make fifo" : "make device",
        entry.getName());
    // Set by name below the parent's descriptor: opening a device or FIFO could block or act.
    parent.chown(base, (int) entry.getLongUserId(), (int) entry.getLongGroupId());
    parent.chmod(base, mode(entry));
    FileTime modified = entry.getLastModifiedTime();
    if (modified != null) {
      parent.setModified(base, modified);
    }
  }

  /** Sets the owner as root; before chmod, because chown clears set-user-ID bits. */
  private void applyOwner(OpenFd file, TarArchiveEntry entry) throws IOException {
    if (privileged) {
      file.chown((int) entry.getLongUserId(), (int) entry.getLongGroupId());
    }
  }

  /**
   * The permission bits to set. Without root, files belong to the user unpacking, so set-user-ID
   * and set-group-ID bits would hand that user's rights to anyone who runs the file: they are
   * dropped, as GNU tar does for users other than root.
   */
  private int mode(TarArchiveEntry entry) {
    int mode = entry.getMode() & 07777;
    return privileged ? mode : mode & ~SET_ID_BITS;
  }

  /**
   * An OCI whiteout hides {@code name} of lower layers only; an entry of this layer with that name
   * stays, whichever comes first in the stream.
   */
  private void whiteout(OpenDir parent, String name, String entryName) throws IOException {
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw EntryPath.escape(layer, "whiteout", entryName, "names no sibling");
    }
    if (parent.kind(name) != OpenDir.Kind.MISSING) {
      return;
    }
    mark(() -> parent.mknod(name, Libc.S_IFCHR, 0, 0), "make whiteout for", entryName);
    whiteouts.add(parent.pathOf(name));
  }

  /**
   * The directory {@code parts} names below the root, made where missing, opened component by
   * component without following links: an entry that would pass through a symbolic link or a
   * non-directory is refused, so nothing is ever written outside the layer.
   */
  private OpenDir directoryFor(List<String> parts, String entryName) throws IOException {
    OpenDir dir = root.child(".");
    try {
      for (String part : parts) {
        OpenDir.Kind kind = dir.kind(part);
        if (kind == OpenDir.Kind.SYMLINK) {
          throw EntryPath.escape(
              layer, "entry", entryName, "goes through the symbolic link " + dir.pathOf(part));
        }
        if (kind == OpenDir.Kind.OTHER) {
          if (!whiteouts.remove(dir.pathOf(part))) {
            throw ImagePullErrors.failed(
                "layer "
                    + layer
                    + ": entry \""
                    + EntryPath.clip(entryName)
                    + "\" needs "
                    + dir.pathOf(part)
                    + " to be a directory, but the layer made it a file");
          }
          dir.remove(part);
          kind = OpenDir.Kind.MISSING;
        }
        boolean made = kind == OpenDir.Kind.MISSING;
        if (made) {
          dir.mkdir(part, DIR_MODE);
        }
        OpenDir next = dir.child(part);
        dir.close();
        dir = next;
        if (made) {
          dir.chmod(DIR_MODE); // the umask may have taken bits away
        }
      }
      return dir;
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  /** An existing directory below the root, or null when a component is missing or not one. */
  private OpenDir existingDirectory(List<String> parts) throws IOException {
    OpenDir dir = root.child(".");
    for (String part : parts) {
      OpenDir next = dir.childIfDirectory(part);
      dir.close();
      if (next == null) {
        return null;
      }
      dir = next;
    }
    return dir;
  }

  /** Where a hard link points: its directory (open) and name. */
  private record LinkTarget(OpenDir dir, String name) {}

  /** A hard link's target: an existing non-directory entry of this layer, found without links. */
  private LinkTarget hardLinkTarget(TarArchiveEntry entry) throws IOException {
    String name = entry.getLinkName();
    List<String> parts = EntryPath.parse(name, layer, "hard link target");
    if (parts.isEmpty()) {
      throw EntryPath.escape(layer, "hard link target", name, "names the layer's root");
    }
    OpenDir dir = root.child(".");
    try {
      for (String part : parts.subList(0, parts.size() - 1)) {
        OpenDir.Kind kind = dir.kind(part);
        if (kind != OpenDir.Kind.DIRECTORY) {
          throw notInLayer(
              entry, kind == OpenDir.Kind.SYMLINK ? " (it goes through a symbolic link)" : "");
        }
        OpenDir next = dir.child(part);
        dir.close();
        dir = next;
      }
      String base = parts.get(parts.size() - 1);
      OpenDir.Kind kind = dir.kind(base);
      if (kind == OpenDir.Kind.MISSING) {
        throw notInLayer(entry, "");
      }
      if (kind == OpenDir.Kind.DIRECTORY || whiteouts.contains(dir.pathOf(base))) {
        throw hardLinkRefused(entry, kind == OpenDir.Kind.DIRECTORY ? "a directory" : "a whiteout");
      }
      return new LinkTarget(dir, base);
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }

  private RuntimeException notInLayer(TarArchiveEntry entry, String why) {
    return hardLinkRefused(entry, "not in the layer" + why);
  }

  private RuntimeException hardLinkRefused(TarArchiveEntry entry, String which) {
    return ImagePullErrors.failed(
        "layer "
            + layer
            + ": hard link \""
            + EntryPath.clip(entry.getName())
            + "\" points at \""
            + EntryPath.clip(entry.getLinkName())
            + "\", which is "
            + which);
  }

  /**
   * Removes what an earlier entry of this layer left at {@code name}, without following it, and
   * forgets the directory entries recorded at or below it: they are no longer in the layer.
   */
  private void remove(OpenDir parent, String name) throws IOException {
    if (parent.kind(name) == OpenDir.Kind.MISSING) {
      return;
    }
    parent.remove(name);
    String path = parent.pathOf(name);
    whiteouts.remove(path);
    dirs.keySet().removeIf(key -> key.equals(path) || key.startsWith(path + "/"));
  }

  /** Something that makes an overlayfs mark or special file. */
  private interface Mark {
    void make() throws IOException;
  }

  private void mark(Mark mark, String action, String entryName) {
    try {
      mark.make();
    } catch (IOException e) {
      throw ImagePullErrors.failed(
          "layer "
              + layer
              + ": cannot "
              + action
              + " \""
              + EntryPath.clip(entryName)
              + "\": "
              + e.getMessage()
              + hint(e),
          e);
    }
  }

  private static String hint(IOException e) {
    if (e instanceof SyscallException s) {
      if (s.errno() == Libc.EPERM) {
        return " (overlayfs marks and device nodes need root)";
      }
      if (s.errno() == Libc.ENOTSUP) {
        return " (the data directory's file system does not support trusted extended attributes)";
      }
    }
    return "";
  }
}
