package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.model.ImageReference.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The edges of the image grammar: where a colon is a tag and where a port, when the first path
 * segment is a registry host, how long a reference may be, and the text each malformed part is
 * refused with. {@link ModelValidationTest} covers the common forms.
 */
class ImageReferenceTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest
  @CsvSource({
    // A colon before the last slash is a port, not a tag.
    "localhost:5000/app, localhost:5000, app, latest",
    // A first segment without '.', ':' or "localhost" is part of a Docker Hub repository.
    "team/app, docker.io, team/app, latest",
    "registry.example/app:v1, registry.example, app, v1",
    "[::1]:5000/app:v1, '[::1]:5000', app, v1",
  })
  void aColonOrSlashMeansWhatItsPlaceSays(
      String text, String registry, String repository, String tag) {
    ImageReference ref = ImageReference.parse("image", text);
    assertThat(ref).isEqualTo(new ImageReference(Source.REGISTRY, registry, repository, tag, null));
  }

  @Test
  void aPinnedReferenceKeepsItsTagAndAsksForTheDigest() {
    ImageReference pinned = ImageReference.parse("image", "nginx:1.27@" + DIGEST);
    assertThat(pinned.tag()).isEqualTo("1.27");
    assertThat(pinned.digest()).isEqualTo(DIGEST);
    assertThat(pinned.reference()).isEqualTo(DIGEST);
    assertThat(pinned).hasToString("docker.io/library/nginx:1.27@" + DIGEST);

    ImageReference digestOnly = ImageReference.parse("image", "nginx@" + DIGEST);
    assertThat(digestOnly.tag()).isNull();
    assertThat(digestOnly).hasToString("docker.io/library/nginx@" + DIGEST);

    ImageReference tagged = ImageReference.parse("image", "nginx");
    assertThat(tagged.reference()).isEqualTo("latest");
    assertThat(tagged).hasToString("docker.io/library/nginx:latest");
  }

  @Test
  void localSourcesPrintAsTheyWereWritten() {
    ImageReference layout = ImageReference.parse("image", "oci:/srv/layout");
    assertThat(layout)
        .isEqualTo(new ImageReference(Source.OCI_LAYOUT, null, "/srv/layout", "latest", null));
    assertThat(layout).hasToString("oci:/srv/layout:latest");
    // A colon inside the directory, before its last slash, is not a tag.
    assertThat(ImageReference.parse("image", "oci:/srv/a:b/layout"))
        .isEqualTo(new ImageReference(Source.OCI_LAYOUT, null, "/srv/a:b/layout", "latest", null));

    ImageReference rootfs = ImageReference.parse("image", "rootfs:/srv/root");
    assertThat(rootfs).isEqualTo(new ImageReference(Source.ROOTFS, null, "/srv/root", null, null));
    assertThat(rootfs).hasToString("rootfs:/srv/root");
  }

  @Test
  void aReferenceMayBe512CharactersLong() {
    String longest = "a".repeat(512 - "oci:/".length());
    assertThat(ImageReference.parse("image", "oci:/" + longest).repository())
        .isEqualTo("/" + longest);
    assertThatThrownBy(() -> ImageReference.parse("image", "oci:/" + longest + "a"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("image"))
        .hasMessageContaining("must be at most 512 characters, got 513");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "nginx@md5:xyz | has a malformed digest \"md5:xyz\" (want sha256:<hex>)",
        "nginx:-bad | has a malformed tag \"-bad\"",
        "oci:/srv/layout:-bad | has a malformed tag \"-bad\"",
        "bad_host.io/app | has a malformed registry host \"bad_host.io\"",
        "team/App | has a malformed repository \"team/App\"",
        "oci:srv/layout | must name an absolute directory, got \"srv/layout\"",
        "rootfs:srv | must name an absolute directory, got \"srv\"",
        // Neither a colon nor a slash: the whole rest is the (relative) directory.
        "oci:layout | must name an absolute directory, got \"layout\"",
        // A digest with nothing before it names no repository.
        "@sha256:0123456789abcdef0123456789abcdef | has a malformed repository \"\"",
      })
  void aMalformedPartIsNamed(String text, String message) {
    assertThatThrownBy(() -> ImageReference.parse("spec.image", text))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("spec.image"))
        .hasMessageContaining(message);
  }

  @Test
  void aRecordNeedsASourceAndARepository() {
    assertThatThrownBy(() -> new ImageReference(null, null, "/srv", null, null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("source"));
    assertThatThrownBy(() -> new ImageReference(Source.ROOTFS, null, " ", null, null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("repository"));
  }
}
