package dev.aino.image.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.image.ImageConfig;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading manifests, indexes, image configurations and digests. */
class ManifestsTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static Manifest parse(String json, String contentType) {
    return Manifests.parse(json.getBytes(StandardCharsets.UTF_8), contentType);
  }

  @Test
  void readsAnOciImageManifest() {
    Manifest m =
        parse(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + A
                + "\",\"size\":7},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\""
                + B
                + "\",\"size\":42}]}",
            null);
    assertThat(m).isInstanceOf(ImageManifest.class);
    ImageManifest image = (ImageManifest) m;
    assertThat(image.config().digest().toString()).isEqualTo(A);
    assertThat(image.layers()).extracting(Descriptor::size).containsExactly(42L);
  }

  @Test
  void aDockerManifestListWithoutMediaTypeFieldIsKnownByItsContentType() {
    Manifest m =
        parse(
            "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
                + MediaTypes.DOCKER_MANIFEST
                + "\",\"digest\":\""
                + A
                + "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\","
                + "\"variant\":\"v8\"}},{\"digest\":\""
                + B
                + "\",\"size\":2,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}",
            MediaTypes.DOCKER_MANIFEST_LIST + "; charset=utf-8");
    ImageIndex index = (ImageIndex) m;
    assertThat(index.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(index.select(Platform.LINUX_AMD64).orElseThrow().digest().toString()).isEqualTo(B);
    assertThat(index.platforms()).isEqualTo("linux/arm64/v8, linux/amd64");
    assertThat(index.select(new Platform("linux", "s390x", ""))).isEmpty();
  }

  @Test
  void refusesSchema1AndDocumentsThatAreNoManifests() {
    assertThatThrownBy(() -> parse("{\"schemaVersion\":1,\"fsLayers\":[]}", null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Docker schema 1 manifests are not supported");
    assertThatThrownBy(() -> parse("{\"mediaType\":\"text/plain\"}", null))
        .hasMessage("mediaType: \"text/plain\" is neither an image manifest nor an index");
    assertThatThrownBy(() -> parse("[1]", null)).hasMessage("must be a JSON object");
    assertThatThrownBy(() -> parse("{not json", null)).hasMessageStartingWith("is not JSON: ");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"config\":{\"digest\":\""
                        + A
                        + "\",\"size\":1},"
                        + "\"layers\":[{\"digest\":\"md5:abc\",\"size\":1}]}",
                    null))
        .hasMessageStartingWith("layers[0].digest: must be a sha256:<hex> digest");
  }

  @Test
  void readsTheRuntimePartOfAnImageConfig() {
    String json =
        "{\"architecture\":\"amd64\",\"config\":{\"Entrypoint\":[\"/init\"],\"Cmd\":[\"-v\"],"
            + "\"Env\":[\"A=1\"],\"WorkingDir\":\"/srv\",\"User\":\"1000:1000\"}}";
    assertThat(ImageConfigs.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(
            new ImageConfig(List.of("/init"), List.of("-v"), List.of("A=1"), "/srv", "1000:1000"));
    assertThat(ImageConfigs.parse("{\"architecture\":\"amd64\"}".getBytes()))
        .isEqualTo(ImageConfig.EMPTY);
    assertThat(ImageConfigs.parse("{\"config\":{\"Cmd\":null}}".getBytes()))
        .isEqualTo(ImageConfig.EMPTY);
    assertThatThrownBy(() -> ImageConfigs.parse("{\"config\":{\"Cmd\":\"sh\"}}".getBytes()))
        .hasMessage("config.Cmd: must be a list of strings");
  }

  @Test
  void digestsAreSha256Only() {
    assertThat(Digest.parse("d", A).hex()).isEqualTo("a".repeat(64));
    assertThat(Digest.ofUtf8("").toString())
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThatThrownBy(() -> Digest.parse("d", "sha512:" + "a".repeat(128)))
        .hasMessageContaining("only sha256 is verified");
    assertThatThrownBy(() -> Digest.parse("d", "sha256:" + "A".repeat(64)))
        .hasMessageStartingWith("d: must be sha256 and 64 lower-case hex digits");
  }
}
