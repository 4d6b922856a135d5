package dev.aino.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.image.oci.Digest;
import dev.aino.image.oci.Platform;
import dev.aino.image.registry.RegistryConfig;
import dev.aino.model.ImageReference;
import dev.aino.testing.registry.OciImage;
import dev.aino.testing.registry.OciIndex;
import dev.aino.testing.registry.RegistryPusher;
import dev.aino.testing.registry.RegistryServer;
import dev.aino.testing.registry.TarBuilder;
import dev.aino.testing.registry.TestImages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pulling from a real registry (Debian's docker-registry) that the test pushed images to. */
class RegistryPullTest {
  @RegisterExtension static final RegistryServer REGISTRY = new RegistryServer();

  private static Digest busyboxDigest;
  private static Digest dockerDigest;
  private static OciIndex multiArch;

  @TempDir Path store;

  @BeforeAll
  static void pushImages() {
    RegistryPusher pusher = REGISTRY.pusher();
    busyboxDigest = pusher.push("busybox", "1", TestImages.busybox());
    dockerDigest =
        pusher.push("tools/busybox-docker", "1", TestImages.busyboxBuilder().docker().build());
    multiArch = TestImages.multiArch();
    pusher.push("multi", "1", multiArch);
    pusher.push("arm-only", "1", OciIndex.of(Map.of("arm64", TestImages.marked("arm64"))));
    pusher.push("whiteouts", "1", TestImages.withWhiteouts());
  }

  private DefaultImageService service() {
    return new DefaultImageService(
        store, RegistryConfig.defaults().withInsecure(REGISTRY.address()), Platform.LINUX_AMD64);
  }

  private static ImageReference ref(String repositoryAndTag) {
    return ImageReference.parse("image", REGISTRY.address() + "/" + repositoryAndTag);
  }

  @Test
  void pullsBusyboxWithItsConfigAndLinks() throws IOException {
    PreparedImage image = service().prepare(ref("busybox:1"));

    assertThat(image.digest()).isEqualTo(busyboxDigest.toString());
    assertThat(image.config())
        .isEqualTo(new ImageConfig(List.of(), List.of("sh"), List.of("PATH=/bin"), "/tmp", ""));
    assertThat(image.layers()).hasSize(1);
    Path root = image.layers().get(0);
    assertThat(root)
        .isEqualTo(store.resolve("layers/sha256/" + Digest.of(TestImages.busyboxLayer()).hex()));
    assertThat(Digest.of(Files.readAllBytes(root.resolve("bin/busybox"))))
        .isEqualTo(Digest.of(TestImages.busyboxBinary()));
    assertThat(Files.isExecutable(root.resolve("bin/busybox"))).isTrue();
    for (String applet : List.of("sh", "echo", "sleep")) {
      assertThat(Files.readSymbolicLink(root.resolve("bin/" + applet)))
          .isEqualTo(Path.of("busybox"));
    }
    assertThat(Files.getAttribute(root.resolve("tmp"), "unix:mode")).isEqualTo(041777);
  }

  @Test
  void pullsDockerSchema2ImagesAndSharesTheirLayerWithTheOciOne() {
    DefaultImageService service = service();
    PreparedImage oci = service.prepare(ref("busybox:1"));
    PreparedImage docker = service.prepare(ref("tools/busybox-docker:1"));
    assertThat(docker.digest()).isEqualTo(dockerDigest.toString());
    assertThat(docker.layers()).isEqualTo(oci.layers());
    assertThat(docker.config().cmd()).containsExactly("sh");
  }

  @Test
  void aDigestPinnedReferenceMustMatch() {
    PreparedImage pinned = service().prepare(ref("busybox@" + busyboxDigest));
    assertThat(pinned.digest()).isEqualTo(busyboxDigest.toString());

    String wrong = "sha256:" + "0".repeat(64);
    assertThatThrownBy(() -> service().prepare(ref("busybox:1@" + wrong)))
        .hasMessage(
            "ImagePullFailed: manifest unknown for " + REGISTRY.address() + "/busybox:1@" + wrong);
  }

  @Test
  void picksLinuxAmd64FromAManifestList() throws IOException {
    PreparedImage image = service().prepare(ref("multi:1"));
    OciImage amd64 = multiArch.images().get("amd64");
    assertThat(image.digest()).isEqualTo(amd64.manifest().digest().toString());
    assertThat(image.layers().get(0).resolve("arch")).hasContent("amd64");
    assertThat(image.config().cmd()).containsExactly("cat", "/arch");
  }

  @Test
  void anIndexWithoutThisPlatformSaysWhatItHas() {
    assertThatThrownBy(() -> service().prepare(ref("arm-only:1")))
        .hasMessage(
            "ImagePullFailed: no linux/amd64 image in "
                + REGISTRY.address()
                + "/arm-only:1 (it has linux/arm64)");
  }

  @Test
  void layersKeepOverlayWhiteoutsAndOverlayfsHonoursThem() throws Exception {
    PreparedImage image = service().prepare(ref("whiteouts:1"));
    assertThat(image.layers()).hasSize(2);
    Path base = image.layers().get(0);
    Path upper = image.layers().get(1);
    assertThat(base.resolve("etc/gone")).hasContent("deleted by the upper layer");
    assertThat(OverlayChecks.isWhiteout(upper.resolve("etc/gone"))).isTrue();
    assertThat(OverlayChecks.opaqueValue(upper.resolve("opt/data"))).isEqualTo("y");

    // What the container will see: overlayfs with the layers as lowerdirs, top first.
    Path merged = Files.createDirectory(store.resolve("merged"));
    OverlayChecks.run(
        "mount",
        "mount",
        "-t",
        "overlay",
        "overlay",
        "-o",
        "lowerdir=" + upper + ":" + base,
        merged.toString());
    try {
      assertThat(merged.resolve("etc/keep")).hasContent("kept");
      assertThat(merged.resolve("etc/gone")).doesNotExist();
      try (Stream<Path> data = Files.list(merged.resolve("opt/data"))) {
        assertThat(data.map(p -> p.getFileName().toString())).containsExactly("c");
      }
    } finally {
      OverlayChecks.run("mount", "umount", merged.toString());
    }
  }

  @Test
  void aCorruptBlobIsADigestMismatchAndNothingIsCached() throws IOException {
    byte[] layer = new TarBuilder().file("data", "to be corrupted").tarGz();
    REGISTRY.pusher().push("corrupt", "1", OciImage.builder().layer(layer).build());
    Path stored = REGISTRY.blobData(Digest.of(layer));
    byte[] corrupt = Files.readAllBytes(stored);
    for (int i = 10; i < corrupt.length; i++) {
      corrupt[i] ^= 0x5a;
    }
    Files.write(stored, corrupt);

    assertThatThrownBy(() -> service().prepare(ref("corrupt:1")))
        .isInstanceOf(AinoException.class)
        .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.RUNTIME_FAILURE))
        .hasMessage(
            "ImagePullFailed: digest mismatch for layer "
                + Digest.of(layer)
                + ": content is "
                + Digest.of(corrupt));
    assertThat(store.resolve("layers/sha256/" + Digest.of(layer).hex())).doesNotExist();
    try (Stream<Path> tmp = Files.list(store.resolve("tmp"))) {
      assertThat(tmp).isEmpty();
    }
  }

  @Test
  void anUnknownImageIsManifestUnknown() {
    assertThatThrownBy(() -> service().prepare(ref("nope:latest")))
        .isInstanceOf(AinoException.class)
        .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.RUNTIME_FAILURE))
        .hasMessage("ImagePullFailed: manifest unknown for " + REGISTRY.address() + "/nope:latest");
  }

  @Test
  void anUnreachableRegistryIsUnavailable() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    String registry = "127.0.0.1:" + closed;
    DefaultImageService service =
        new DefaultImageService(store, RegistryConfig.defaults().withInsecure(registry));
    assertThatThrownBy(
            () -> service.prepare(ImageReference.parse("image", registry + "/busybox:1")))
        .isInstanceOf(AinoException.class)
        .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessage("ImagePullFailed: cannot reach registry " + registry + " (connection refused)");
  }

  @Test
  void aPlainHttpRegistryNotListedAsInsecureIsRefused() {
    DefaultImageService https = new DefaultImageService(store, RegistryConfig.defaults());
    assertThatThrownBy(() -> https.prepare(ref("busybox:1")))
        .isInstanceOf(AinoException.class)
        .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.RUNTIME_FAILURE))
        .hasMessageStartingWith(
            "ImagePullFailed: cannot talk HTTPS to registry " + REGISTRY.address())
        .hasMessageEndingWith(
            "if it is a plain-HTTP registry, add --insecure-registry " + REGISTRY.address());
  }

  @Test
  void skopeoReadsWhatThePusherWrote() throws Exception {
    Path layout = store.resolve("copied");
    OverlayChecks.run(
        "skopeo",
        "skopeo",
        "--insecure-policy",
        "copy",
        "--src-tls-verify=false",
        "docker://" + REGISTRY.address() + "/busybox:1",
        "oci:" + layout + ":copied");
    PreparedImage image =
        service().prepare(ImageReference.parse("image", "oci:" + layout + ":copied"));
    assertThat(image.digest()).isEqualTo(busyboxDigest.toString());
    assertThat(image.layers().get(0).resolve("bin/busybox")).isRegularFile();
  }
}
