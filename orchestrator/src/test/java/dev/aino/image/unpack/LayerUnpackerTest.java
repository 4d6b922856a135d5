package dev.aino.image.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.image.OverlayChecks;
import dev.aino.image.oci.Digest;
import dev.aino.testing.registry.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking real tar streams into a directory: content, metadata, whiteouts, and escapes. */
class LayerUnpackerTest {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  @TempDir Path tmp;

  private final LayerUnpacker unpacker = LayerUnpacker.forThisProcess();

  private Path unpack(byte[] blob) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "layer-");
    unpacker.unpack(new ByteArrayInputStream(blob), dir, Digest.of(blob));
    return dir;
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
  }

  @Test
  void writesFilesDirectoriesLinksAndModesFromGzipAndPlainTars() throws IOException {
    TarBuilder tar =
        new TarBuilder()
            .dir("usr", 0755)
            .dir("usr/bin", 0700)
            .file("usr/bin/tool", "#!/bin/sh\n".getBytes(), 04755)
            .file("usr/bin/owned", "x", 0640, 1000, 1001)
            .symlink("usr/bin/alias", "tool")
            .symlink("usr/bin/abs", "/etc/hostname")
            .hardlink("usr/bin/same", "usr/bin/tool")
            .file("./etc/conf", "a=1\n");
    byte[] plain = tar.tar();
    for (byte[] blob : new byte[][] {plain, TarBuilder.gzip(plain)}) {
      Path dir = unpack(blob);
      assertThat(dir.resolve("usr/bin/tool")).hasContent("#!/bin/sh");
      assertThat(mode(dir.resolve("usr/bin/tool"))).isEqualTo(04755);
      assertThat(mode(dir.resolve("usr/bin"))).isEqualTo(0700);
      assertThat(mode(dir)).as("the layer root becomes /").isEqualTo(0755);
      assertThat(Files.readSymbolicLink(dir.resolve("usr/bin/alias"))).isEqualTo(Path.of("tool"));
      assertThat(Files.readSymbolicLink(dir.resolve("usr/bin/abs")))
          .isEqualTo(Path.of("/etc/hostname"));
      assertThat(Files.getAttribute(dir.resolve("usr/bin/same"), "unix:ino"))
          .isEqualTo(Files.getAttribute(dir.resolve("usr/bin/tool"), "unix:ino"));
      assertThat(dir.resolve("etc/conf")).hasContent("a=1");
      assertThat(Files.getLastModifiedTime(dir.resolve("etc/conf"))).isEqualTo(TarBuilder.MTIME);
      if (LayerUnpacker.runsAsRoot()) {
        assertThat(Files.getAttribute(dir.resolve("usr/bin/owned"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(dir.resolve("usr/bin/owned"), "unix:gid")).isEqualTo(1001);
      }
    }
  }

  @Test
  void laterEntriesReplaceEarlierOnes() throws IOException {
    Path dir =
        unpack(
            new TarBuilder()
                .file("a", "first")
                .file("a", "second")
                .symlink("b", "x")
                .file("b", "file now")
                .file("c", "file")
                .dir("c")
                .file("c/inner", "in a dir now")
                .tar());
    assertThat(dir.resolve("a")).hasContent("second");
    assertThat(Files.isSymbolicLink(dir.resolve("b"))).isFalse();
    assertThat(dir.resolve("b")).hasContent("file now");
    assertThat(dir.resolve("c/inner")).hasContent("in a dir now");
  }

  @Test
  void whiteoutsBecomeCharacterDevicesAndOpaqueDirectoriesGetTheXattr() throws Exception {
    Path dir =
        unpack(
            new TarBuilder()
                .dir("etc")
                .whiteout("etc", "gone")
                .opaque("var/lib")
                .file("var/lib/new", "n")
                .whiteout("", "toplevel")
                .tarGz());
    assertThat(OverlayChecks.isWhiteout(dir.resolve("etc/gone"))).isTrue();
    assertThat(OverlayChecks.isWhiteout(dir.resolve("toplevel"))).isTrue();
    assertThat(dir.resolve("etc/.wh.gone")).doesNotExist();
    assertThat(dir.resolve("var/lib/.wh..wh..opq")).doesNotExist();
    assertThat(OverlayChecks.opaqueValue(dir.resolve("var/lib"))).isEqualTo("y");
    assertThat(OverlayChecks.opaqueValue(dir.resolve("etc"))).isEmpty();
    assertThat(dir.resolve("var/lib/new")).hasContent("n");
  }

  @Test
  void anEntryOfTheSameLayerWinsOverItsWhiteoutInEitherOrder() throws IOException {
    Path dir =
        unpack(
            new TarBuilder()
                .file("before", "kept")
                .whiteout("", "before")
                .whiteout("", "after")
                .file("after", "kept too")
                .whiteout("", "dir")
                .file("dir/inside", "a directory replaces the whiteout")
                .tar());
    assertThat(dir.resolve("before")).hasContent("kept");
    assertThat(dir.resolve("after")).hasContent("kept too");
    assertThat(dir.resolve("dir/inside")).hasContent("a directory replaces the whiteout");
  }

  @Test
  void refusesAbsoluteNamesAndDotDot() {
    assertEscapeRefused(new TarBuilder().file("../evil", "x").tar(), "has a '..' component");
    assertEscapeRefused(new TarBuilder().file("a/../../evil", "x").tar(), "has a '..' component");
    assertEscapeRefused(new TarBuilder().file("/etc/evil", "x").tar(), "is absolute");
    assertEscapeRefused(
        new TarBuilder().file("f", "x").hardlink("h", "../../etc/passwd").tar(),
        "has a '..' component");
    assertEscapeRefused(
        new TarBuilder().hardlink("h", "/etc/passwd").tar(), "hard link target \"/etc/passwd\"");
  }

  @Test
  void neverWritesThroughASymbolicLink() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    assertEscapeRefused(
        new TarBuilder().symlink("link", outside.toString()).file("link/evil", "x").tar(),
        "goes through the symbolic link link");
    assertEscapeRefused(
        new TarBuilder().symlink("up", "..").file("up/evil", "x").tar(),
        "goes through the symbolic link up");
    assertEscapeRefused(
        new TarBuilder()
            .symlink("link", outside.toString())
            .file("link2", "x")
            .hardlink("h", "link/secret")
            .tar(),
        "goes through a symbolic link");
    try (Stream<Path> files = Files.list(outside)) {
      assertThat(files).as("nothing was written outside the layer").isEmpty();
    }
  }

  @Test
  void aFileAtASymlinksNameReplacesTheLinkNotItsTarget() throws IOException {
    Path victim = Files.writeString(tmp.resolve("victim"), "untouched");
    Path dir = unpack(new TarBuilder().symlink("f", victim.toString()).file("f", "mine").tar());
    assertThat(dir.resolve("f")).hasContent("mine");
    assertThat(victim).hasContent("untouched");
  }

  @Test
  void refusesCompressionsOtherThanGzip() {
    byte[] zstd = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0, 0, 0};
    assertThatThrownBy(() -> unpack(zstd))
        .isInstanceOf(AinoException.class)
        .hasMessageStartingWith("ImagePullFailed: layer sha256:")
        .hasMessageEndingWith("is zstd-compressed; aino unpacks gzip and uncompressed layers only");
  }

  @Test
  void aBlobThatIsNotATarIsAReadFailure() {
    byte[] junk = "this is not a tar archive, not even close; ".repeat(30).getBytes();
    assertThatThrownBy(() -> unpack(junk))
        .isInstanceOf(LayerReadException.class)
        .hasMessageStartingWith("it is not a valid tar archive");
  }

  private void assertEscapeRefused(byte[] tar, String reason) {
    assertThatThrownBy(() -> unpack(tar))
        .isInstanceOf(AinoException.class)
        .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.RUNTIME_FAILURE))
        .hasMessageStartingWith("ImagePullFailed: layer sha256:")
        .hasMessageContaining(reason);
  }
}
