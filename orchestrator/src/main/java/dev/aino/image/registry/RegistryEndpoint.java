package dev.aino.image.registry;

import dev.aino.image.oci.Digest;
import java.net.URI;

/**
 * Where a registry's API lives: HTTPS, or plain HTTP when the registry is listed as insecure;
 * Docker Hub ({@code docker.io}) is served from {@code registry-1.docker.io}.
 */
record RegistryEndpoint(String registry, URI base) {
  static final String DOCKER_HUB = "docker.io";
  static final String DOCKER_HUB_API = "registry-1.docker.io";

  static RegistryEndpoint of(String registry, RegistryConfig config) {
    String host = DOCKER_HUB.equals(registry) ? DOCKER_HUB_API : registry;
    String scheme = config.isInsecure(registry) ? "http" : "https";
    return new RegistryEndpoint(registry, URI.create(scheme + "://" + host + "/v2/"));
  }

  /** Repository and reference are validated by {@code ImageReference}: safe in a URI path. */
  URI manifest(String repository, String reference) {
    return base.resolve(repository + "/manifests/" + reference);
  }

  URI blob(String repository, Digest digest) {
    return base.resolve(repository + "/blobs/" + digest);
  }
}
