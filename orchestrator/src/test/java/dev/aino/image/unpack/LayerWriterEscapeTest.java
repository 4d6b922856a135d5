package dev.aino.image.unpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.image.oci.Digest;
import dev.aino.testing.registry.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers that try to change files outside their directory through a directory that a later entry
 * swapped for a symbolic link, or through links, devices and set-user-ID bits. Each test records
 * owner, mode, mtime and link count of everything outside the layer and proves none changed.
 */
class LayerWriterEscapeTest {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final FileTime OUTSIDE_TIME = FileTime.from(Instant.parse("2020-02-02T02:02:02Z"));

  @TempDir Path tmp;

  /** A directory outside the layer with a file and the directories the tars name. */
  private Path outside;

  @BeforeEach
  void outsideTree() throws IOException {
    outside = Files.createDirectories(tmp.resolve("outside"));
    for (String dir : new String[] {"secret", "sub", "c", "x"}) {
      Files.createDirectories(outside.resolve(dir));
    }
    Files.writeString(outside.resolve("passwd"), "root:x:0:0\n");
    try (Stream<Path> all = Files.walk(outside)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setAttribute(p, "unix:mode", Files.isDirectory(p) ? 0755 : 0644, NOFOLLOW);
        Files.setLastModifiedTime(p, OUTSIDE_TIME);
      }
    }
  }

  private Path unpack(LayerUnpacker unpacker, byte[] blob) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "layer-");
    unpacker.unpack(new ByteArrayInputStream(blob), dir, Digest.of(blob));
    return dir;
  }

  private Path unpack(byte[] blob) throws IOException {
    return unpack(LayerUnpacker.forThisProcess(), blob);
  }

  /** Owner, mode, mtime and link count of every file in {@code root}, by relative path. */
  private static Map<String, String> metadata(Path root) throws IOException {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Map<String, Object> a =
            Files.readAttributes(p, "unix:uid,gid,mode,lastModifiedTime,nlink", NOFOLLOW);
        all.put(root.relativize(p).toString(), a.toString());
      }
    }
    return all;
  }

  /**
   * Fails, never skips, where the test cannot run: the suite runs as root (scripts/test, CI), as
   * the OCI runtime tests do, and a skipped case would hide that its check never ran.
   */
  private static void requireRoot(String what) {
    assertThat(LayerUnpacker.runsAsRoot())
        .as("making " + what + " needs root: run the tests as root, as scripts/test does")
        .isTrue();
  }

  @Test
  void theIssuesSequenceChangesNothingOutside() throws IOException {
    Map<String, String> before = metadata(outside);
    Path layer =
        unpack(
            new TarBuilder()
                .dir("a/secret/", 0666, 4242, 4242)
                .dir("a/sub/", 0777)
                .symlink("a", outside.toString())
                .tar());
    assertThat(metadata(outside)).isEqualTo(before);
    assertThat(Files.readSymbolicLink(layer.resolve("a"))).isEqualTo(outside);
  }

  @Test
  void aDirectorySwappedForALinkToDotDotChangesNothingOutside() throws IOException {
    Files.createDirectories(tmp.resolve("x"));
    Files.setLastModifiedTime(tmp.resolve("x"), OUTSIDE_TIME);
    Map<String, String> before = metadata(tmp.resolve("x"));
    Map<String, String> outsideBefore = metadata(outside);
    unpack(
        new TarBuilder()
            .dir("a/x/", 0700, 4242, 4242)
            .dir("a/outside/", 0700, 4242, 4242)
            .symlink("a", "..")
            .tar());
    assertThat(metadata(tmp.resolve("x"))).isEqualTo(before);
    assertThat(metadata(outside)).isEqualTo(outsideBefore);
  }

  @Test
  void aNestedDirectorySwappedForALinkChangesNothingOutside() throws IOException {
    Map<String, String> before = metadata(outside);
    Path layer =
        unpack(
            new TarBuilder()
                .dir("a/")
                .dir("a/b/c/", 0600, 4242, 4242)
                .dir("a/b/sub", 0600, 4242, 4242)
                .symlink("a/b", outside.toString())
                .dir("a/b2/secret", 0600, 4242, 4242)
                .symlink("a/b2", "../a/b")
                .tar());
    assertThat(metadata(outside)).isEqualTo(before);
    assertThat(Files.isDirectory(layer.resolve("a"), NOFOLLOW)).isTrue();
    assertThat(Files.getLastModifiedTime(layer.resolve("a"), NOFOLLOW))
        .as("the directory that stayed still gets its entry's time")
        .isEqualTo(TarBuilder.MTIME);
  }

  @Test
  void aDirectoryReplacedByAFileAndMadeAgainGetsOnlyItsNewMetadata() throws IOException {
    Path layer =
        unpack(
            new TarBuilder()
                .dir("d", 0700, 4242, 4242)
                .file("d", "a file now")
                .file("d2/f", "d2 made implicitly")
                .dir("d2", 0750)
                .dir("d2", 0711)
                .tar());
    assertThat(layer.resolve("d")).hasContent("a file now");
    assertThat(mode(layer.resolve("d"))).isEqualTo(0644);
    assertThat(mode(layer.resolve("d2"))).as("the later entry of a path wins").isEqualTo(0711);
  }

  @Test
  void hardLinksNeverReachAFileOutside() throws IOException {
    Path passwd = outside.resolve("passwd");
    Map<String, String> before = metadata(outside);
    Path layer = unpack(new TarBuilder().symlink("s", passwd.toString()).hardlink("h", "s").tar());
    assertThat(Files.isSymbolicLink(layer.resolve("h")))
        .as("a hard link to a symbolic link links the link, not its target")
        .isTrue();
    assertThatThrownBy(
            () ->
                unpack(
                    new TarBuilder()
                        .dir("d")
                        .symlink("d", outside.toString())
                        .hardlink("h", "d/passwd")
                        .tar()))
        .isInstanceOf(AinoException.class)
        .hasMessageContaining("which is not in the layer (it goes through a symbolic link)");
    assertThat(metadata(outside)).isEqualTo(before);
    assertThat(passwd).hasContent("root:x:0:0");
  }

  @Test
  @Timeout(30)
  void devicesAndFifosAreMadeInsideWithTheirMetadataAsRoot() throws IOException {
    requireRoot("device nodes");
    Map<String, String> before = metadata(outside);
    Path layer =
        unpack(
            new TarBuilder()
                .dir("dev")
                .device("dev/null", false, 1, 3, 0666)
                .device("dev/loop9", true, 7, 9, 0660)
                .fifo("dev/pipe", 0640)
                .tar());
    Map<String, Object> nul = Files.readAttributes(layer.resolve("dev/null"), "unix:*", NOFOLLOW);
    assertThat((Integer) nul.get("mode")).isEqualTo(020666);
    assertThat((Long) nul.get("rdev")).isEqualTo(OpenDir.device(1, 3));
    assertThat(nul.get("lastModifiedTime")).isEqualTo(TarBuilder.MTIME);
    assertThat((Integer) Files.getAttribute(layer.resolve("dev/loop9"), "unix:mode", NOFOLLOW))
        .isEqualTo(060660);
    assertThat((Integer) Files.getAttribute(layer.resolve("dev/pipe"), "unix:mode", NOFOLLOW))
        .isEqualTo(010640);
    assertThatThrownBy(
            () ->
                unpack(
                    new TarBuilder()
                        .dir("dev")
                        .symlink("dev", outside.toString())
                        .device("dev/null", false, 1, 3, 0666)
                        .tar()))
        .isInstanceOf(AinoException.class)
        .hasMessageContaining("goes through the symbolic link dev");
    assertThat(metadata(outside)).isEqualTo(before);
  }

  @Test
  void withoutRootSetIdBitsAreDroppedAndDevicesSkipped() throws IOException {
    Path layer =
        unpack(
            new LayerUnpacker(false),
            new TarBuilder()
                .file("bin/su", "x".getBytes(), 04755)
                .file("bin/wall", "x".getBytes(), 02755)
                .file("bin/plain", "x".getBytes(), 01755)
                .dir("shared", 03775)
                .device("null", false, 1, 3, 0666)
                .tar());
    assertThat(mode(layer.resolve("bin/su"))).isEqualTo(0755);
    assertThat(mode(layer.resolve("bin/wall"))).isEqualTo(0755);
    assertThat(mode(layer.resolve("bin/plain"))).as("the sticky bit is harmless").isEqualTo(01755);
    assertThat(mode(layer.resolve("shared"))).isEqualTo(01775);
    assertThat(layer.resolve("null")).doesNotExist();
  }

  @Test
  void asRootSetIdBitsAndOwnersAreKept() throws IOException {
    requireRoot("owners");
    Path layer =
        unpack(
            new TarBuilder()
                .file("bin/su", "x", 04755, 4242, 4243)
                .dir("home/u", 0700, 4242, 4243)
                .symlink("home/u/link", "/nowhere")
                .tar());
    assertThat(mode(layer.resolve("bin/su"))).isEqualTo(04755);
    assertThat(Files.getAttribute(layer.resolve("bin/su"), "unix:uid")).isEqualTo(4242);
    assertThat(Files.getAttribute(layer.resolve("home/u"), "unix:gid", NOFOLLOW)).isEqualTo(4243);
    assertThat(Files.getLastModifiedTime(layer.resolve("home/u/link"), NOFOLLOW))
        .isEqualTo(TarBuilder.MTIME);
  }

  private static int mode(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
  }
}
