package dev.aino.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.image.oci.Digest;
import dev.aino.image.oci.Platform;
import dev.aino.image.registry.RegistryConfig;
import dev.aino.model.ImageReference;
import dev.aino.testing.registry.OciImage;
import dev.aino.testing.registry.TarBuilder;
import dev.aino.testing.registry.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oci:} image layouts and {@code rootfs:} directories. */
class LocalSourcesTest {
  @TempDir Path tmp;

  private DefaultImageService service() {
    return new DefaultImageService(
        tmp.resolve("store"), RegistryConfig.defaults(), Platform.LINUX_AMD64);
  }

  private static ImageReference ref(String text) {
    return ImageReference.parse("image", text);
  }

  @Test
  void preparesAnImageFromAnOciLayoutByTag() throws IOException {
    OciImage busybox = TestImages.busybox();
    Path layout = tmp.resolve("layout");
    busybox.writeLayout(layout, "1.36");

    PreparedImage image = service().prepare(ref("oci:" + layout + ":1.36"));

    assertThat(image.digest()).isEqualTo(busybox.manifest().digest().toString());
    assertThat(image.config().cmd()).containsExactly("sh");
    assertThat(Files.readSymbolicLink(image.layers().get(0).resolve("bin/sh")))
        .isEqualTo(Path.of("busybox"));
  }

  @Test
  void picksLinuxAmd64FromALayoutsIndex() throws IOException {
    Path layout = tmp.resolve("multi");
    TestImages.multiArch().writeLayout(layout, "latest");
    PreparedImage image = service().prepare(ref("oci:" + layout));
    assertThat(image.layers().get(0).resolve("arch")).hasContent("amd64");
  }

  @Test
  void anUnknownTagListsTheLayoutsTags() {
    Path layout = tmp.resolve("layout");
    TestImages.marked("amd64").writeLayout(layout, "v1");
    assertThatThrownBy(() -> service().prepare(ref("oci:" + layout + ":v2")))
        .hasMessage("ImagePullFailed: oci layout " + layout + " has no image tagged v2 (tags: v1)");
  }

  @Test
  void aDirectoryThatIsNoLayoutIsNamedAsSuch() throws IOException {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    assertThatThrownBy(() -> service().prepare(ref("oci:" + plain)))
        .hasMessage(
            "ImagePullFailed: oci layout "
                + plain
                + " has no oci-layout file; is it an OCI image layout?");
    assertThatThrownBy(() -> service().prepare(ref("oci:" + tmp.resolve("missing"))))
        .hasMessage(
            "ImagePullFailed: oci layout "
                + tmp.resolve("missing")
                + " does not exist or is not a directory");
  }

  @Test
  void layoutBlobsAreVerifiedToo() throws IOException {
    byte[] layer = new TarBuilder().file("f", "original").tarGz();
    OciImage image = OciImage.builder().layer(layer).build();
    Path layout = tmp.resolve("layout");
    image.writeLayout(layout, "1");
    byte[] swapped = new TarBuilder().file("f", "swapped!").tarGz();
    Files.write(layout.resolve("blobs/sha256/" + Digest.of(layer).hex()), swapped);

    assertThatThrownBy(() -> service().prepare(ref("oci:" + layout + ":1")))
        .hasMessage(
            "ImagePullFailed: digest mismatch for layer "
                + Digest.of(layer)
                + ": content is "
                + Digest.of(swapped));
    Files.delete(layout.resolve("blobs/sha256/" + Digest.of(layer).hex()));
    assertThatThrownBy(() -> service().prepare(ref("oci:" + layout + ":1")))
        .hasMessage("ImagePullFailed: oci layout " + layout + " lacks blob " + Digest.of(layer));
  }

  @Test
  void aRootfsDirectoryIsItsOwnSingleLayer() throws IOException {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs/bin"));
    Path dir = rootfs.getParent();
    PreparedImage image = service().prepare(ref("rootfs:" + dir));
    assertThat(image.layers()).isEqualTo(List.of(dir));
    assertThat(image.config()).isEqualTo(ImageConfig.EMPTY);
    assertThat(image.digest()).isEqualTo(Digest.ofUtf8(dir.toString()).toString());
  }

  @Test
  void aMissingRootfsDirectoryIsRefused() {
    Path missing = tmp.resolve("nothing-here");
    assertThatThrownBy(() -> service().prepare(ref("rootfs:" + missing)))
        .hasMessage("ImagePullFailed: rootfs " + missing + " does not exist or is not a directory");
  }
}
