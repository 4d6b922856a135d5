package dev.aino.testing.registry;

import dev.aino.image.oci.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Pushes images to a plain-HTTP registry with the distribution API: each blob as a monolithic
 * upload ({@code POST /v2/<name>/blobs/uploads/}, then {@code PUT <location>?digest=}), then the
 * manifest. Test code only: aino pulls, it does not push.
 */
public final class RegistryPusher {
  private final String registry;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /**
   * @param registry {@code 127.0.0.1:PORT}
   */
  public RegistryPusher(String registry) {
    this.registry = registry;
  }

  /** Pushes {@code image} as {@code repository:tag}; returns its manifest digest. */
  public Digest push(String repository, String tag, OciImage image) {
    for (Blob blob : image.blobs()) {
      pushBlob(repository, blob);
    }
    return pushManifest(repository, tag, image.manifest());
  }

  /** Pushes every image of {@code index} by digest, then the index as {@code repository:tag}. */
  public Digest push(String repository, String tag, OciIndex index) {
    for (OciImage image : index.images().values()) {
      push(repository, image.manifest().digest().toString(), image);
    }
    return pushManifest(repository, tag, index.index());
  }

  /** Uploads one blob in one request. */
  public void pushBlob(String repository, Blob blob) {
    HttpResponse<String> started =
        send(
            HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            202,
            "start an upload of " + blob.digest());
    String location =
        started
            .headers()
            .firstValue("Location")
            .orElseThrow(() -> new IllegalStateException("no Location for the upload"));
    URI upload = URI.create("http://" + registry + "/").resolve(location);
    String separator = upload.getQuery() == null ? "?" : "&";
    send(
        HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + blob.digest()))
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.bytes())),
        201,
        "upload " + blob.digest());
  }

  /** Puts a manifest (or index) under {@code reference}; returns its digest. */
  public Digest pushManifest(String repository, String reference, Blob manifest) {
    send(
        HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
            .header("Content-Type", manifest.mediaType())
            .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())),
        201,
        "put manifest " + repository + ":" + reference);
    return manifest.digest();
  }

  private URI uri(String path) {
    return URI.create("http://" + registry + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, int expected, String what) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(
            "cannot "
                + what
                + " at "
                + registry
                + ": HTTP "
                + response.statusCode()
                + " "
                + response.body());
      }
      return response;
    } catch (IOException e) {
      throw new IllegalStateException("cannot " + what + " at " + registry + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
