package dev.aino.testing.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds a layer tar in memory, entry by entry, including entries a well-behaved image never has
 * (absolute names, {@code ..} components) to test that they are refused.
 */
public final class TarBuilder {
  /** A fixed time, so the same entries always make the same bytes (and digest). */
  public static final FileTime MTIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
  private boolean finished;

  public TarBuilder() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  public TarBuilder dir(String name) {
    return dir(name, 0755);
  }

  public TarBuilder dir(String name, int mode) {
    TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
    e.setMode(040000 | mode);
    return add(e, null);
  }

  /** A directory owned by {@code uid:gid}. */
  public TarBuilder dir(String name, int mode, int uid, int gid) {
    TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
    e.setMode(040000 | mode);
    e.setUserId(uid);
    e.setGroupId(gid);
    return add(e, null);
  }

  /** A character ({@code block == false}) or block device node. */
  public TarBuilder device(String name, boolean block, int major, int minor, int mode) {
    TarArchiveEntry e = entry(name, block ? TarConstants.LF_BLK : TarConstants.LF_CHR);
    e.setMode((block ? 060000 : 020000) | mode);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    return add(e, null);
  }

  /** A named pipe. */
  public TarBuilder fifo(String name, int mode) {
    TarArchiveEntry e = entry(name, TarConstants.LF_FIFO);
    e.setMode(010000 | mode);
    return add(e, null);
  }

  public TarBuilder file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  public TarBuilder file(String name, byte[] content, int mode) {
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
    e.setMode(0100000 | mode);
    e.setSize(content.length);
    return add(e, content);
  }

  /** A file owned by {@code uid:gid}. */
  public TarBuilder file(String name, String content, int mode, int uid, int gid) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
    e.setMode(0100000 | mode);
    e.setSize(data.length);
    e.setUserId(uid);
    e.setGroupId(gid);
    return add(e, data);
  }

  public TarBuilder symlink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK);
    e.setMode(0120777);
    e.setLinkName(target);
    return add(e, null);
  }

  public TarBuilder hardlink(String name, String target) {
    TarArchiveEntry e = entry(name, TarConstants.LF_LINK);
    e.setMode(0100644);
    e.setLinkName(target);
    return add(e, null);
  }

  /** An OCI whiteout of {@code dir/name}: the entry {@code dir/.wh.name}. */
  public TarBuilder whiteout(String dir, String name) {
    return file((dir.isEmpty() ? "" : dir + "/") + ".wh." + name, new byte[0], 0);
  }

  /** Marks {@code dir} opaque: the entry {@code dir/.wh..wh..opq}. */
  public TarBuilder opaque(String dir) {
    return file(dir + "/.wh..wh..opq", new byte[0], 0);
  }

  /** The tar. */
  public byte[] tar() {
    finish();
    return bytes.toByteArray();
  }

  /** The tar, gzip-compressed. */
  public byte[] tarGz() {
    return gzip(tar());
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Names are kept exactly as given (absolute ones too): these tests need the bad ones. */
  private static TarArchiveEntry entry(String name, byte type) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setModTime(MTIME);
    e.setUserId(0);
    e.setGroupId(0);
    return e;
  }

  private TarBuilder add(TarArchiveEntry e, byte[] content) {
    try {
      tar.putArchiveEntry(e);
      if (content != null) {
        tar.write(content);
      }
      tar.closeArchiveEntry();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return this;
  }

  private void finish() {
    if (!finished) {
      finished = true;
      try {
        tar.finish();
        tar.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
