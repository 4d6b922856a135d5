package dev.aino.image;

import dev.aino.image.oci.Descriptor;
import dev.aino.image.oci.Digest;
import dev.aino.image.oci.ImageIndex;
import dev.aino.image.oci.Manifest;
import dev.aino.image.oci.MediaTypes;
import dev.aino.image.store.BlobCache;
import dev.aino.model.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Images from OCI image-layout directories ({@code oci:/dir[:tag]}): {@code index.json} names the
 * image by the tag annotation {@code org.opencontainers.image.ref.name}, blobs live in {@code
 * blobs/sha256/}. Everything read is verified against its descriptor, as from a registry.
 */
final class OciLayoutSource {
  private final ImageAssembler assembler;

  OciLayoutSource(ImageAssembler assembler) {
    this.assembler = assembler;
  }

  PreparedImage prepare(ImageReference image) {
    Path dir = Path.of(image.repository());
    if (!Files.isDirectory(dir)) {
      throw ImagePullErrors.failed("oci layout " + dir + " does not exist or is not a directory");
    }
    if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
      throw ImagePullErrors.failed(
          "oci layout " + dir + " has no oci-layout file; is it an OCI image layout?");
    }
    Manifest index = readIndex(dir, image);
    if (!(index instanceof ImageIndex tags)) {
      throw ImagePullErrors.failed("oci layout " + dir + ": index.json is not an image index");
    }
    List<Descriptor> tagged =
        tags.manifests().stream().filter(d -> image.tag().equals(d.refName())).toList();
    if (tagged.isEmpty()) {
      String known =
          tags.manifests().stream()
              .map(Descriptor::refName)
              .filter(n -> n != null)
              .collect(Collectors.joining(", "));
      throw ImagePullErrors.failed(
          "oci layout "
              + dir
              + " has no image tagged "
              + image.tag()
              + " (tags: "
              + (known.isEmpty() ? "none" : known)
              + ")");
    }
    Descriptor chosen = tagged.get(0);
    byte[] body = readManifest(dir, chosen, image);
    return assembler.assemble(
        image,
        ImageAssembler.parse(body, chosen.mediaType(), chosen.digest(), image),
        chosen.digest(),
        entry -> readManifest(dir, entry, image),
        blob -> openBlob(dir, blob));
  }

  private static Manifest readIndex(Path dir, ImageReference image) {
    Path file = dir.resolve("index.json");
    byte[] body;
    try {
      if (Files.size(file) > BlobCache.MAX_BLOB_BYTES) {
        throw ImagePullErrors.failed("oci layout " + dir + ": index.json is too large");
      }
      body = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw ImagePullErrors.failed("oci layout " + dir + " has no index.json");
    } catch (IOException e) {
      throw ImagePullErrors.failed("cannot read " + file + ": " + e.getMessage(), e);
    }
    return ImageAssembler.parse(body, MediaTypes.OCI_INDEX, Digest.of(body), image);
  }

  /** A manifest blob, checked against its descriptor's size and digest. */
  private static byte[] readManifest(Path dir, Descriptor manifest, ImageReference image) {
    if (manifest.size() > BlobCache.MAX_BLOB_BYTES) {
      throw ImagePullErrors.failed(
          "manifest " + manifest.digest() + " in oci layout " + dir + " is too large");
    }
    byte[] body;
    try (InputStream in = openBlob(dir, manifest)) {
      body = in.readNBytes((int) manifest.size() + 1);
    } catch (IOException e) {
      throw ImagePullErrors.failed("cannot read manifest " + manifest.digest() + ": " + e, e);
    }
    Digest actual = Digest.of(body);
    if (body.length != manifest.size() || !actual.equals(manifest.digest())) {
      throw ImagePullErrors.failed(
          "digest mismatch for manifest "
              + manifest.digest()
              + " in oci layout "
              + dir
              + ": content is "
              + actual
              + " ("
              + body.length
              + " bytes)");
    }
    return body;
  }

  private static InputStream openBlob(Path dir, Descriptor blob) throws IOException {
    Path file = dir.resolve("blobs").resolve(Digest.SHA256).resolve(blob.digest().hex());
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw ImagePullErrors.failed("oci layout " + dir + " lacks blob " + blob.digest());
    }
  }
}
