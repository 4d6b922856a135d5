package dev.aino.testing.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aino.image.oci.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-test registry on a free loopback port (the JDK's HTTP server) for what Debian's registry
 * cannot be made to do: demand HTTP Basic auth or the Bearer token flow (it serves its own token
 * endpoint), count every request, serve bytes that do not match their digest, or stall a download.
 * It serves the read side of the distribution API only; content is put in directly.
 */
public final class ScriptedRegistry implements AutoCloseable {
  /** How clients must authenticate. */
  public enum Auth {
    NONE,
    BASIC,
    BEARER
  }

  private record Manifest(String mediaType, byte[] bytes) {}

  private final Auth auth;
  private final String username;
  private final String password;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();
  private final Set<String> stalled = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile String blobStorage;

  /**
   * @param username with {@code password}, the only credentials accepted (Basic), or required by
   *     the token endpoint (Bearer); null lets the token endpoint hand out anonymous tokens
   */
  public ScriptedRegistry(Auth auth, String username, String password) {
    this.auth = auth;
    this.username = username;
    this.password = password;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** {@code 127.0.0.1:PORT}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves {@code image} as {@code repository:tag} (and by digest). */
  public void put(String repository, String tag, OciImage image) {
    image.blobs().forEach(b -> blobs.put(b.digest().toString(), b.bytes()));
    putManifest(repository, tag, image.manifest());
  }

  /** Serves a manifest under {@code reference} and its digest, exactly as given. */
  public void putManifest(String repository, String reference, Blob manifest) {
    Manifest m = new Manifest(manifest.mediaType(), manifest.bytes());
    manifests.put(repository + ":" + reference, m);
    manifests.put(repository + ":" + manifest.digest(), m);
  }

  /** Serves {@code bytes} for the blob {@code digest}, whatever they hash to. */
  public void putBlob(Digest digest, byte[] bytes) {
    blobs.put(digest.toString(), bytes);
  }

  /** Downloads of this blob send the headers and half the body, then nothing. */
  public void stall(Digest digest) {
    stalled.add(digest.toString());
  }

  /**
   * Blob downloads are redirected (307) to the same path on {@code storage} ({@code HOST:PORT}), as
   * registries do to their object storage.
   */
  public void redirectBlobsTo(String storage) {
    blobStorage = storage;
  }

  /** Every {@code Authorization} header this server received, in order. */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** How many requests asked for {@code path} (e.g. {@code /v2/a/blobs/sha256:...}). */
  public int requests(String path) {
    AtomicInteger n = counts.get(path);
    return n == null ? 0 : n.get();
  }

  /** How many tokens the token endpoint was asked for. */
  public int tokenRequests() {
    return requests("/token");
  }

  /** How many blob downloads were answered (any blob, any status). */
  public int blobRequests() {
    return counts.entrySet().stream()
        .filter(e -> e.getKey().contains("/blobs/"))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization != null) {
        authorizations.add(authorization);
      }
      if (path.equals("/token")) {
        token(exchange);
        return;
      }
      if (!path.startsWith("/v2/")) {
        send(exchange, 404, "text/plain", new byte[0]);
        return;
      }
      if (!authorized(exchange, path)) {
        return;
      }
      if (path.equals("/v2/")) {
        send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      int manifestsAt = path.indexOf("/manifests/");
      int blobsAt = path.indexOf("/blobs/");
      if (manifestsAt > 0) {
        String repo = path.substring(4, manifestsAt);
        String reference = path.substring(manifestsAt + "/manifests/".length());
        Manifest m = manifests.get(repo + ":" + reference);
        if (m == null) {
          error(exchange, 404, "MANIFEST_UNKNOWN", "manifest unknown");
          return;
        }
        exchange.getResponseHeaders().add("Docker-Content-Digest", Digest.of(m.bytes()).toString());
        send(exchange, 200, m.mediaType(), m.bytes());
      } else if (blobsAt > 0) {
        String digest = path.substring(blobsAt + "/blobs/".length());
        byte[] bytes = blobs.get(digest);
        if (blobStorage != null) {
          exchange.getResponseHeaders().add("Location", "http://" + blobStorage + path);
          send(exchange, 307, "text/plain", new byte[0]);
        } else if (bytes == null) {
          error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry");
        } else if (stalled.contains(digest)) {
          stall(exchange, bytes);
        } else {
          send(exchange, 200, "application/octet-stream", bytes);
        }
      } else {
        error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry");
      }
    }
  }

  private boolean authorized(HttpExchange exchange, String path) throws IOException {
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    switch (auth) {
      case NONE:
        return true;
      case BASIC:
        if (basicMatches(given)) {
          return true;
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"scripted\"");
        error(exchange, 401, "UNAUTHORIZED", "authentication required");
        return false;
      default:
        if (given != null
            && given.startsWith("Bearer ")
            && tokens.contains(given.substring("Bearer ".length()))) {
          return true;
        }
        String repo = repository(path);
        // Parameters in a different order than Docker Hub's, with a scope only for repositories.
        exchange
            .getResponseHeaders()
            .add(
                "WWW-Authenticate",
                "Bearer service=\"scripted-registry\", realm=\"http://"
                    + address()
                    + "/token\""
                    + (repo == null ? "" : ", scope=\"repository:" + repo + ":pull\""));
        error(exchange, 401, "UNAUTHORIZED", "authentication required");
        return false;
    }
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    if (!"scripted-registry".equals(query.get("service")) || query.get("scope") == null) {
      error(exchange, 400, "BAD_REQUEST", "service and scope are required");
      return;
    }
    if (username != null && !basicMatches(exchange.getRequestHeaders().getFirst("Authorization"))) {
      error(exchange, 401, "UNAUTHORIZED", "bad credentials");
      return;
    }
    String token = UUID.randomUUID().toString();
    tokens.add(token);
    send(
        exchange,
        200,
        "application/json",
        ("{\"token\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
  }

  private boolean basicMatches(String header) {
    if (header == null || !header.startsWith("Basic ") || username == null) {
      return false;
    }
    String expected = username + ":" + password;
    String given =
        new String(
            Base64.getDecoder().decode(header.substring("Basic ".length()).trim()),
            StandardCharsets.UTF_8);
    return expected.equals(given);
  }

  private static String repository(String path) {
    for (String marker : new String[] {"/manifests/", "/blobs/"}) {
      int at = path.indexOf(marker);
      if (at > 4) {
        return path.substring(4, at);
      }
    }
    return null;
  }

  private void stall(HttpExchange exchange, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
    exchange.sendResponseHeaders(200, bytes.length);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes, 0, bytes.length / 2);
    out.flush();
    try {
      closing.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    String body = "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}";
    send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
