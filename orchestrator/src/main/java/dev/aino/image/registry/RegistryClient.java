package dev.aino.image.registry;

import dev.aino.error.AinoException;
import dev.aino.error.ValidationException;
import dev.aino.image.ImagePullErrors;
import dev.aino.image.oci.Descriptor;
import dev.aino.image.oci.Digest;
import dev.aino.image.oci.MediaTypes;
import dev.aino.metrics.Metrics;
import dev.aino.model.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * A client of the OCI distribution API for pulling: manifests (OCI and Docker schema 2, images and
 * indexes) and blobs, with anonymous, Basic and Bearer-token auth, redirects followed without
 * credentials to other hosts, and timeouts on connecting, on the response headers and on every
 * read. It checks manifest digests; blob digests are checked by whoever reads the blob stream.
 */
public final class RegistryClient {
  /** Manifests are kilobytes; an answer this large is not a manifest. */
  static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

  private static final int MAX_REDIRECTS = 5;

  private final RegistryConfig config;
  private final RegistryHttp http;
  private final RegistryAuth auth;

  public RegistryClient(RegistryConfig config) {
    this(config, Clock.systemUTC(), Metrics.NONE);
  }

  /** A client that reports the bytes it reads from registries to {@code metrics}. */
  public RegistryClient(RegistryConfig config, Metrics metrics) {
    this(config, Clock.systemUTC(), metrics);
  }

  RegistryClient(RegistryConfig config, Clock clock) {
    this(config, clock, Metrics.NONE);
  }

  private RegistryClient(RegistryConfig config, Clock clock, Metrics metrics) {
    this.config = config;
    this.http = new RegistryHttp(config, metrics);
    this.auth = new RegistryAuth(http, clock);
  }

  /**
   * Fetches the manifest {@code reference} (a tag or a {@code sha256:} digest) of {@code image}'s
   * repository. A manifest asked for by digest must have that digest; one asked for by tag must
   * match the {@code Docker-Content-Digest} the registry states, if it states one.
   *
   * @throws AinoException {@code ImagePullFailed: manifest unknown for ...}, {@code unauthorized},
   *     {@code digest mismatch for manifest ...}; {@code UNAVAILABLE} when unreachable
   */
  public FetchedManifest fetchManifest(ImageReference image, String reference) {
    RegistryEndpoint endpoint = RegistryEndpoint.of(image.registry(), config);
    URI uri = endpoint.manifest(image.repository(), reference);
    try (RegistryResponse response =
        get(image, uri, MediaTypes.MANIFEST_ACCEPT, "manifest", image.toString())) {
      byte[] body = response.readAll(MAX_MANIFEST_BYTES);
      if (body == null) {
        throw ImagePullErrors.failed(
            "the manifest of " + image + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
      }
      Digest actual = Digest.of(body);
      Optional<Digest> pinned = digestOf(reference);
      Optional<Digest> stated =
          response.header("Docker-Content-Digest").flatMap(RegistryClient::digestOf);
      Digest expected = pinned.orElse(stated.orElse(actual));
      if (!expected.equals(actual)) {
        throw ImagePullErrors.failed(
            "digest mismatch for manifest " + expected + " of " + image + ": content is " + actual);
      }
      String contentType = response.header("Content-Type").orElse("");
      int semi = contentType.indexOf(';');
      return new FetchedManifest(
          body, (semi < 0 ? contentType : contentType.substring(0, semi)).trim(), actual);
    } catch (IOException e) {
      throw ImagePullErrors.unavailable(
          "reading the manifest of " + image + " broke off: " + e.getMessage(), e);
    }
  }

  /**
   * Opens a blob of {@code image}'s repository for reading. The stream is unverified: the caller
   * checks size and digest against {@code blob} while reading, and closes it.
   */
  public InputStream openBlob(ImageReference image, Descriptor blob) {
    RegistryEndpoint endpoint = RegistryEndpoint.of(image.registry(), config);
    URI uri = endpoint.blob(image.repository(), blob.digest());
    RegistryResponse response = get(image, uri, "*/*", blob.digest().toString(), image.toString());
    return response.body();
  }

  /**
   * GETs {@code uri}, answering an auth challenge once and following redirects; returns only a 200.
   */
  private RegistryResponse get(
      ImageReference image, URI uri, String accept, String what, String imageName) {
    String registry = image.registry();
    String scope = "repository:" + image.repository() + ":pull";
    Peer peer = Peer.registry(registry);
    Optional<String> authorization = auth.known(registry, scope);
    RegistryResponse response = http.send(request(uri, accept, authorization), peer);
    if (response.status() == 401) {
      Optional<AuthChallenge> challenge =
          AuthChallenge.pick(response.headers().allValues("WWW-Authenticate"));
      String detail = RegistryErrors.detail(response);
      auth.refused(registry, scope);
      if (challenge.isEmpty() || authorization.isPresent() && challenge.get().isBasic()) {
        throw ImagePullErrors.failed(
            "unauthorized: "
                + peer.description()
                + " refused access to "
                + imageName
                + (detail.isEmpty() ? "" : " (" + detail + ")"));
      }
      authorization = Optional.of(auth.answer(challenge.get(), registry, scope, imageName));
      response = http.send(request(uri, accept, authorization), peer);
    }
    response = followRedirects(response, uri, accept, authorization, peer, imageName);
    if (response.status() != 200) {
      if (response.status() == 401) {
        auth.refused(registry, scope);
      }
      throw RegistryErrors.of(response, peer, what, imageName);
    }
    return response;
  }

  private RegistryResponse followRedirects(
      RegistryResponse response,
      URI origin,
      String accept,
      Optional<String> authorization,
      Peer peer,
      String imageName) {
    for (int hops = 0; isRedirect(response.status()); hops++) {
      Optional<String> location = response.header("Location");
      response.close();
      if (location.isEmpty() || hops >= MAX_REDIRECTS) {
        throw ImagePullErrors.failed(
            peer.description()
                + " redirected "
                + imageName
                + (location.isEmpty()
                    ? " without a Location"
                    : " more than " + MAX_REDIRECTS + " times"));
      }
      URI next;
      try {
        next = response.uri().resolve(location.get());
      } catch (IllegalArgumentException e) {
        throw ImagePullErrors.failed(
            peer.description() + " redirected to a malformed URL: " + location.get());
      }
      if ("https".equals(origin.getScheme()) && !"https".equals(next.getScheme())) {
        throw ImagePullErrors.failed(
            peer.description()
                + " redirected "
                + imageName
                + " from HTTPS to "
                + next
                + "; refused");
      }
      // Credentials are for the registry only, never for the storage it redirects to.
      boolean sameOrigin =
          next.getScheme().equals(origin.getScheme())
              && next.getAuthority()
                  .toLowerCase(Locale.ROOT)
                  .equals(origin.getAuthority().toLowerCase(Locale.ROOT));
      response =
          http.send(
              request(next, accept, sameOrigin ? authorization : Optional.empty()),
              new Peer(
                  "storage " + next.getAuthority() + " of " + peer.description(), peer.registry()));
    }
    return response;
  }

  private HttpRequest request(URI uri, String accept, Optional<String> authorization) {
    HttpRequest.Builder b = http.get(uri).header("Accept", accept);
    authorization.ifPresent(a -> b.header("Authorization", a));
    return b.build();
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static Optional<Digest> digestOf(String reference) {
    if (!reference.startsWith(Digest.SHA256 + ":")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Digest.parse("digest", reference));
    } catch (ValidationException e) {
      return Optional.empty();
    }
  }
}
