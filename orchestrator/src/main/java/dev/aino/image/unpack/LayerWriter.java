package dev.aino.image.unpack;

import dev.aino.image.ImagePullErrors;
import dev.aino.image.oci.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the entries of one layer's tar stream below its directory, never outside it (see the
 * package documentation), converting whiteouts to overlayfs form.
 */
final class LayerWriter {
  private static final Logger LOG = LoggerFactory.getLogger(LayerWriter.class);
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE_MARKER = ".wh..wh..opq";
  private static final int DIR_MODE = 0755;

  /** A directory's metadata, applied after all entries, since writing into it changes them. */
  private record DirMeta(Path dir, TarArchiveEntry entry) {}

  private final Path root;
  private final Digest layer;
  private final OverlayMarks marks;
  private final boolean privileged;

  /** Whiteouts this layer made; an entry of the same layer with that name replaces them. */
  private final Set<Path> whiteouts = new HashSet<>();

  private final List<DirMeta> dirs = new ArrayList<>();

  LayerWriter(Path root, Digest layer, OverlayMarks marks, boolean privileged) throws IOException {
    this.root = root.toAbsolutePath();
    this.layer = layer;
    this.marks = marks;
    this.privileged = privileged;
    // The layer's root becomes the container's "/" when no entry says otherwise.
    Files.setAttribute(this.root, "unix:mode", DIR_MODE);
  }

  /** Writes one entry; {@code content} is positioned at its data. */
  void write(TarArchiveEntry entry, TarReader content) throws IOException {
    String name = entry.getName();
    List<String> parts = EntryPath.parse(name, layer, "entry");
    if (parts.isEmpty()) {
      if (entry.isDirectory()) {
        dirs.add(new DirMeta(root, entry));
      }
      return;
    }
    String base = parts.get(parts.size() - 1);
    Path parent = directoryFor(parts.subList(0, parts.size() - 1), name);
    if (base.equals(OPAQUE_MARKER)) {
      mark(() -> marks.opaque(parent), "mark directory opaque for", name);
      return;
    }
    if (base.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
      return; // aufs bookkeeping (e.g. .wh..wh.plnk): meaningless outside aufs
    }
    if (base.startsWith(WHITEOUT_PREFIX)) {
      whiteout(parent, base.substring(WHITEOUT_PREFIX.length()), name);
      return;
    }
    Path target = parent.resolve(base);
    if (entry.isDirectory()) {
      BasicFileAttributes existing = attributes(target);
      if (existing == null || !existing.isDirectory()) {
        remove(target);
        Files.createDirectory(target);
      }
      dirs.add(new DirMeta(target, entry));
      return;
    }
    remove(target);
    if (entry.isSymbolicLink()) {
      Files.createSymbolicLink(target, linkTarget(entry));
      applyOwner(target, entry);
    } else if (entry.isLink()) {
      Files.createLink(target, hardLinkTarget(entry));
    } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      special(target, entry);
    } else {
      writeFile(target, entry, content);
    }
  }

  /** Applies the directories' modes, owners and times, now that nothing more is written. */
  void finish() throws IOException {
    for (int i = dirs.size() - 1; i >= 0; i--) {
      DirMeta d = dirs.get(i);
      applyOwner(d.dir(), d.entry());
      applyModeAndTime(d.dir(), d.entry());
    }
  }

  private void writeFile(Path target, TarArchiveEntry entry, TarReader content) throws IOException {
    try (OutputStream out =
        Files.newOutputStream(
            target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = content.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    }
    applyOwner(target, entry);
    applyModeAndTime(target, entry);
  }

  private void special(Path target, TarArchiveEntry entry) throws IOException {
    if (!privileged) {
      // Only root can make device nodes; runtimes give containers their own /dev anyway.
      LOG.debug("layer {}: skipped device or fifo {} (not root)", layer, entry.getName());
      return;
    }
    if (entry.isFIFO()) {
      mark(() -> marks.fifo(target), "make fifo", entry.getName());
    } else {
      mark(
          () ->
              marks.device(target, entry.isBlockDevice(), entry.getDevMajor(), entry.getDevMinor()),
          "make device",
          entry.getName());
    }
    applyOwner(target, entry);
    applyModeAndTime(target, entry);
  }

  /**
   * An OCI whiteout hides {@code name} of lower layers only; an entry of this layer with that name
   * stays, whichever comes first in the stream.
   */
  private void whiteout(Path parent, String name, String entryName) throws IOException {
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw EntryPath.escape(layer, "whiteout", entryName, "names no sibling");
    }
    Path hidden = parent.resolve(name);
    if (attributes(hidden) != null) {
      return;
    }
    mark(() -> marks.whiteout(hidden), "make whiteout for", entryName);
    whiteouts.add(hidden);
  }

  /**
   * The directory {@code parts} names below the root, made where missing; refuses to pass through a
   * symbolic link or a non-directory, so nothing is ever written outside the layer.
   */
  private Path directoryFor(List<String> parts, String entryName) throws IOException {
    Path dir = root;
    for (String part : parts) {
      dir = dir.resolve(part);
      BasicFileAttributes a = attributes(dir);
      if (a == null) {
        Files.createDirectory(dir);
        Files.setAttribute(dir, "unix:mode", DIR_MODE, NOFOLLOW);
      } else if (a.isSymbolicLink()) {
        throw EntryPath.escape(
            layer, "entry", entryName, "goes through the symbolic link " + relative(dir));
      } else if (!a.isDirectory()) {
        if (!whiteouts.remove(dir)) {
          throw ImagePullErrors.failed(
              "layer "
                  + layer
                  + ": entry \""
                  + EntryPath.clip(entryName)
                  + "\" needs "
                  + relative(dir)
                  + " to be a directory, but the layer made it a file");
        }
        Files.delete(dir);
        Files.createDirectory(dir);
        Files.setAttribute(dir, "unix:mode", DIR_MODE, NOFOLLOW);
      }
    }
    return dir;
  }

  /** A hard link's target: an existing non-directory entry of this layer, found without links. */
  private Path hardLinkTarget(TarArchiveEntry entry) throws IOException {
    String name = entry.getLinkName();
    List<String> parts = EntryPath.parse(name, layer, "hard link target");
    if (parts.isEmpty()) {
      throw EntryPath.escape(layer, "hard link target", name, "names the layer's root");
    }
    Path dir = root;
    for (String part : parts.subList(0, parts.size() - 1)) {
      dir = dir.resolve(part);
      BasicFileAttributes a = attributes(dir);
      if (a == null || !a.isDirectory()) {
        throw ImagePullErrors.failed(
            "layer "
                + layer
                + ": hard link \""
                + EntryPath.clip(entry.getName())
                + "\" points at \""
                + EntryPath.clip(name)
                + "\", which is not in the layer"
                + (a != null && a.isSymbolicLink() ? " (it goes through a symbolic link)" : ""));
      }
    }
    Path target = dir.resolve(parts.get(parts.size() - 1));
    BasicFileAttributes a = attributes(target);
    if (a == null || a.isDirectory() || whiteouts.contains(target)) {
      throw ImagePullErrors.failed(
          "layer "
              + layer
              + ": hard link \""
              + EntryPath.clip(entry.getName())
              + "\" points at \""
              + EntryPath.clip(name)
              + "\", which is "
              + (a == null ? "not in the layer" : a.isDirectory() ? "a directory" : "a whiteout"));
    }
    return target;
  }

  private Path linkTarget(TarArchiveEntry entry) {
    try {
      // Any target is allowed: it is resolved inside the container at run time, never here.
      return Path.of(entry.getLinkName());
    } catch (InvalidPathException e) {
      throw EntryPath.escape(
          layer, "symbolic link target", entry.getLinkName(), "is not a valid path");
    }
  }

  /** Removes what an earlier entry of this layer left at {@code target}, without following it. */
  private void remove(Path target) throws IOException {
    if (attributes(target) != null) {
      dev.aino.files.FileTrees.delete(target);
      whiteouts.remove(target);
    }
  }

  private void applyOwner(Path path, TarArchiveEntry entry) throws IOException {
    if (privileged) {
      // lchown; before chmod, because chown clears set-user-ID bits
      Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), NOFOLLOW);
      Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), NOFOLLOW);
    }
  }

  private static void applyModeAndTime(Path path, TarArchiveEntry entry) throws IOException {
    Files.setAttribute(path, "unix:mode", entry.getMode() & 07777, NOFOLLOW);
    FileTime modified = entry.getLastModifiedTime();
    if (modified != null) {
      Files.setLastModifiedTime(path, modified);
    }
  }

  private String relative(Path path) {
    return root.relativize(path).toString();
  }

  private static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  /** Something {@link OverlayMarks} makes. */
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
              + e.getMessage(),
          e);
    }
  }
}
