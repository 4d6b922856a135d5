package dev.aino.image.registry;

/**
 * Who a request goes to, for error messages.
 *
 * @param description e.g. {@code registry 127.0.0.1:5000} or {@code token service auth.example of
 *     registry example.com}
 * @param registry the registry ({@code HOST[:PORT]}) the request is on behalf of
 */
record Peer(String description, String registry) {
  static Peer registry(String registry) {
    return new Peer("registry " + registry, registry);
  }

  static Peer tokenService(String authority, String registry) {
    return new Peer("token service " + authority + " of registry " + registry, registry);
  }
}
