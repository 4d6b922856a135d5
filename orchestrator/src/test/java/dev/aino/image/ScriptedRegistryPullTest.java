package dev.aino.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.files.FileTrees;
import dev.aino.image.oci.Digest;
import dev.aino.image.oci.Platform;
import dev.aino.image.registry.RegistryConfig;
import dev.aino.image.registry.RegistryCredentials;
import dev.aino.image.store.ImageStore;
import dev.aino.model.ImageReference;
import dev.aino.testing.CountingMetrics;
import dev.aino.testing.registry.Blob;
import dev.aino.testing.registry.OciImage;
import dev.aino.testing.registry.ScriptedRegistry;
import dev.aino.testing.registry.ScriptedRegistry.Auth;
import dev.aino.testing.registry.TarBuilder;
import dev.aino.testing.registry.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auth flows, request counting and misbehaviour, against an in-test registry that can be told to
 * demand credentials, stall, or serve wrong bytes.
 */
class ScriptedRegistryPullTest {
  private static final RegistryCredentials ALICE = new RegistryCredentials("alice", "s3cret");

  @TempDir Path store;

  private ScriptedRegistry registry;
  private final OciImage image =
      OciImage.builder()
          .layer(new TarBuilder().file("one", "1").tarGz())
          .layer(new TarBuilder().file("two", "2").tarGz())
          .cmd("true")
          .build();

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private ScriptedRegistry start(Auth auth, String user, String password) {
    registry = new ScriptedRegistry(auth, user, password);
    registry.put("app", "1", image);
    return registry;
  }

  private DefaultImageService service(RegistryConfig config) {
    return new DefaultImageService(
        store, config.withInsecure(registry.address()), Platform.LINUX_AMD64);
  }

  private ImageReference ref(String repositoryAndTag) {
    return ImageReference.parse("image", registry.address() + "/" + repositoryAndTag);
  }

  private String blobPath(Blob blob) {
    return "/v2/app/blobs/" + blob.digest();
  }

  @Test
  void pullsAndTheBytesReadAreReportedToMetrics() {
    start(Auth.NONE, null, null);
    CountingMetrics metrics = new CountingMetrics();
    DefaultImageService service =
        new DefaultImageService(
            store,
            RegistryConfig.defaults().withInsecure(registry.address()),
            LocalImages.NONE,
            metrics);
    service.prepare(ref("app:1"));
    long sent = 0;
    for (Blob blob : image.blobs()) {
      sent += blob.bytes().length;
    }
    sent += image.manifest().bytes().length;
    assertThat(metrics.count("pull success")).isEqualTo(1);
    assertThat(metrics.count("pull bytes"))
        .as("every byte of the manifest, the configuration and the layers")
        .isGreaterThanOrEqualTo(sent);
    assertThatThrownBy(() -> service.prepare(ref("app:missing"))).isInstanceOf(AinoException.class);
    assertThat(metrics.count("pull failure")).isEqualTo(1);
    assertThat(metrics.count("pull success")).isEqualTo(1);
  }

  @Test
  void anonymousBearerTokensAreFetchedOnceAndReused() {
    start(Auth.BEARER, null, null);
    DefaultImageService service = service(RegistryConfig.defaults());
    PreparedImage prepared = service.prepare(ref("app:1"));
    assertThat(prepared.layers()).hasSize(2);
    assertThat(prepared.layers().get(1).resolve("two")).hasContent("2");
    registry.putManifest("app", "2", image.manifest());
    service.prepare(ref("app:2"));
    assertThat(registry.tokenRequests()).isEqualTo(1);
  }

  @Test
  void bearerTokensAreBoughtWithConfiguredCredentials() {
    start(Auth.BEARER, "alice", "s3cret");
    assertThat(
            service(RegistryConfig.defaults().withCredentials(registry.address(), ALICE))
                .prepare(ref("app:1"))
                .digest())
        .isEqualTo(image.manifest().digest().toString());
  }

  @Test
  void withoutCredentialsTheTokenServiceRefusesAndTheMessageSaysWhatToConfigure() {
    start(Auth.BEARER, "alice", "s3cret");
    assertThatThrownBy(() -> service(RegistryConfig.defaults()).prepare(ref("app:1")))
        .isInstanceOf(AinoException.class)
        .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.RUNTIME_FAILURE))
        .hasMessage(
            "ImagePullFailed: unauthorized: token service "
                + registry.address()
                + " of registry "
                + registry.address()
                + " refused anonymous access to "
                + registry.address()
                + "/app:1; configure credentials for "
                + registry.address());
  }

  @Test
  void wrongCredentialsAreUnauthorized() {
    start(Auth.BEARER, "alice", "s3cret");
    RegistryConfig wrong =
        RegistryConfig.defaults()
            .withCredentials("other:1", ALICE)
            .withCredentials("127.0.0.1:1", ALICE);
    assertThatThrownBy(
            () ->
                service(
                        wrong.withCredentials(
                            registry.address(), new RegistryCredentials("alice", "guess")))
                    .prepare(ref("app:1")))
        .hasMessageStartingWith("ImagePullFailed: unauthorized: token service ")
        .hasMessageEndingWith("refused the credentials configured for " + registry.address());
  }

  @Test
  void basicAuthSendsConfiguredCredentials() {
    start(Auth.BASIC, "alice", "s3cret");
    PreparedImage prepared =
        service(RegistryConfig.defaults().withCredentials(registry.address(), ALICE))
            .prepare(ref("app:1"));
    assertThat(prepared.layers().get(0).resolve("one")).hasContent("1");
  }

  @Test
  void basicAuthWithoutOrWithWrongCredentialsIsUnauthorized() {
    start(Auth.BASIC, "alice", "s3cret");
    assertThatThrownBy(() -> service(RegistryConfig.defaults()).prepare(ref("app:1")))
        .hasMessage(
            "ImagePullFailed: unauthorized: registry "
                + registry.address()
                + " wants a user name and password for "
                + registry.address()
                + "/app:1, and none is configured for "
                + registry.address());
    RegistryConfig wrong =
        RegistryConfig.defaults()
            .withCredentials(registry.address(), new RegistryCredentials("alice", "guess"));
    assertThatThrownBy(() -> service(wrong).prepare(ref("app:1")))
        .hasMessage(
            "ImagePullFailed: unauthorized: registry "
                + registry.address()
                + " refused access to "
                + registry.address()
                + "/app:1 (UNAUTHORIZED: authentication required)");
  }

  @Test
  void eightConcurrentPullsOfOneImageDownloadEachBlobOnce() throws Exception {
    start(Auth.BEARER, null, null);
    DefaultImageService service = service(RegistryConfig.defaults());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<PreparedImage>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return service.prepare(ref("app:1"));
                }));
      }
      go.countDown();
      PreparedImage first = results.get(0).get(30, TimeUnit.SECONDS);
      for (Future<PreparedImage> r : results) {
        assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
    for (Blob blob : image.blobs()) {
      assertThat(registry.requests(blobPath(blob))).as("GETs of %s", blob.digest()).isEqualTo(1);
    }
    assertThat(registry.requests("/v2/app/manifests/1")).isEqualTo(2); // challenged, then served
    assertThat(registry.tokenRequests()).isEqualTo(1);
  }

  @Test
  void aStalledDownloadIsAbandonedAfterTheReadTimeout() throws Exception {
    start(Auth.NONE, null, null);
    Blob second = image.layers().get(1);
    registry.stall(second.digest());
    RegistryConfig quick =
        RegistryConfig.defaults().withTimeouts(null, null, Duration.ofSeconds(1));
    assertThatThrownBy(() -> service(quick).prepare(ref("app:1")))
        .isInstanceOf(AinoException.class)
        .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessage(
            "ImagePullFailed: reading layer "
                + second.digest()
                + " broke off: registry "
                + registry.address()
                + " sent nothing for 1 s; download abandoned");
    assertThat(store.resolve("layers/sha256/" + second.digest().hex())).doesNotExist();
    try (Stream<Path> tmp = Files.list(store.resolve("tmp"))) {
      assertThat(tmp).isEmpty();
    }
  }

  @Test
  void aManifestThatDoesNotMatchItsPinnedDigestIsRefused() {
    start(Auth.NONE, null, null);
    Digest claimed = Digest.ofUtf8("some other manifest");
    registry.putManifest("app", claimed.toString(), image.manifest());
    assertThatThrownBy(() -> service(RegistryConfig.defaults()).prepare(ref("app@" + claimed)))
        .hasMessage(
            "ImagePullFailed: digest mismatch for manifest "
                + claimed
                + " of "
                + registry.address()
                + "/app@"
                + claimed
                + ": content is "
                + image.manifest().digest());
  }

  @Test
  void aConfigBlobThatDoesNotMatchIsRefused() {
    start(Auth.NONE, null, null);
    byte[] config = image.config().bytes();
    byte[] tampered = new String(config).replace("true", "evil").getBytes();
    registry.putBlob(image.config().digest(), tampered);
    assertThatThrownBy(() -> service(RegistryConfig.defaults()).prepare(ref("app:1")))
        .hasMessage(
            "ImagePullFailed: digest mismatch for config "
                + image.config().digest()
                + ": content is "
                + Digest.of(tampered));
  }

  @Test
  void aTagIsResolvedAgainOnlyOnceItsResolutionIsNoLongerFresh() {
    start(Auth.NONE, null, null);
    AtomicLong nanos = new AtomicLong();
    DefaultImageService service =
        new DefaultImageService(
            store,
            RegistryConfig.defaults().withInsecure(registry.address()),
            Platform.LINUX_AMD64,
            new TagResolutions(Duration.ofSeconds(10), nanos::get));
    PreparedImage first = service.prepare(ref("app:1"));
    OciImage moved =
        OciImage.builder().layer(new TarBuilder().file("three", "3").tarGz()).cmd("true").build();
    registry.put("app", "1", moved);
    nanos.addAndGet(Duration.ofSeconds(9).toNanos());
    assertThat(service.prepare(ref("app:1")).digest()).isEqualTo(first.digest());
    assertThat(registry.requests("/v2/app/manifests/1")).isEqualTo(1);
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(service.prepare(ref("app:1")).digest())
        .isEqualTo(moved.manifest().digest().toString());
    assertThat(registry.requests("/v2/app/manifests/1")).isEqualTo(2);
  }

  @Test
  void aPinnedImageIsPreparedFromTheStoreWhenTheRegistryIsGone() {
    start(Auth.NONE, null, null);
    ImageReference pinned = ref("app@" + image.manifest().digest());
    PreparedImage online = service(RegistryConfig.defaults()).prepare(pinned);
    registry.close();
    assertThat(service(RegistryConfig.defaults()).prepare(pinned)).isEqualTo(online);
    ImageReference tagged = ref("app:1");
    assertThatThrownBy(() -> service(RegistryConfig.defaults()).prepare(tagged))
        .isInstanceOf(AinoException.class)
        .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void anImagePreparedOnceIsNotReadAgainUntilALayerDirectoryGoesMissing() throws IOException {
    start(Auth.NONE, null, null);
    ImageReference pinned = ref("app@" + image.manifest().digest());
    DefaultImageService service = service(RegistryConfig.defaults());
    PreparedImage first = service.prepare(pinned);
    ImageStore files = new ImageStore(store);
    Files.delete(files.blobPath(image.manifest().digest()));
    Files.delete(files.blobPath(image.config().digest()));

    // Neither the manifest nor the config is read, from the store or from the registry.
    assertThat(service.prepare(pinned)).isEqualTo(first);
    assertThat(registry.requests("/v2/app/manifests/" + image.manifest().digest())).isEqualTo(1);
    assertThat(registry.requests(blobPath(image.config()))).isEqualTo(1);

    FileTrees.delete(first.layers().get(1));
    PreparedImage again = service.prepare(pinned);
    assertThat(again).isEqualTo(first);
    assertThat(again.layers().get(1)).isDirectory();
    assertThat(registry.requests("/v2/app/manifests/" + image.manifest().digest())).isEqualTo(2);
    assertThat(registry.requests(blobPath(image.layers().get(1)))).isEqualTo(2);
  }

  @Test
  void aLayerSharedWithAnotherImageIsNotDownloadedAgain() {
    start(Auth.NONE, null, null);
    OciImage other =
        OciImage.builder()
            .layer(image.layers().get(0).bytes())
            .layer(new TarBuilder().file("three", "3").tarGz())
            .build();
    registry.put("app", "other", other);
    DefaultImageService service = service(RegistryConfig.defaults());
    PreparedImage first = service.prepare(ref("app:1"));
    PreparedImage second = service.prepare(ref("app:other"));
    assertThat(second.layers().get(0)).isEqualTo(first.layers().get(0));
    assertThat(registry.requests(blobPath(image.layers().get(0)))).isEqualTo(1);
  }

  @Test
  void redirectsToBlobStorageCarryNoRegistryCredentials() {
    start(Auth.BEARER, null, null);
    try (ScriptedRegistry storage = new ScriptedRegistry(Auth.NONE, null, null)) {
      storage.put("app", "1", image);
      registry.redirectBlobsTo(storage.address());
      PreparedImage prepared = service(RegistryConfig.defaults()).prepare(ref("app:1"));
      assertThat(prepared.layers().get(1).resolve("two")).hasContent("2");
      assertThat(storage.blobRequests()).isEqualTo(3);
      assertThat(storage.authorizations()).isEmpty();
      assertThat(registry.authorizations()).isNotEmpty().allMatch(a -> a.startsWith("Bearer "));
    }
  }

  @Test
  void busyboxThroughTheTokenFlow() {
    start(Auth.BEARER, null, null);
    registry.put("library/busybox", "latest", TestImages.busybox());
    PreparedImage busybox = service(RegistryConfig.defaults()).prepare(ref("library/busybox"));
    assertThat(busybox.layers().get(0).resolve("bin/busybox")).isRegularFile();
  }
}
