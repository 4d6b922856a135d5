package dev.aino.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.image.oci.Descriptor;
import dev.aino.image.oci.Digest;
import dev.aino.image.oci.MediaTypes;
import dev.aino.image.unpack.LayerUnpacker;
import dev.aino.testing.registry.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer cache: verified, atomic, shared, one unpack per layer. */
class LayerCacheTest {
  @TempDir Path root;

  private final byte[] layer = new TarBuilder().file("hello", "world").tarGz();

  private LayerCache cache(ImageStore store) {
    return new LayerCache(store, LayerUnpacker.forThisProcess());
  }

  private static Descriptor descriptor(byte[] blob) {
    return new Descriptor(MediaTypes.OCI_LAYER_GZIP, Digest.of(blob), blob.length, null, Map.of());
  }

  private static BlobSource serving(byte[] bytes) {
    return d -> new ByteArrayInputStream(bytes);
  }

  @Test
  void unpacksOnceAndAnswersFromTheStoreAfterwards() {
    ImageStore store = new ImageStore(root);
    AtomicInteger opens = new AtomicInteger();
    BlobSource source =
        d -> {
          opens.incrementAndGet();
          return new ByteArrayInputStream(layer);
        };
    Path dir = cache(store).get(descriptor(layer), source);
    assertThat(dir).isEqualTo(root.resolve("layers/sha256/" + Digest.of(layer).hex()));
    assertThat(dir.resolve("hello")).hasContent("world");
    assertThat(cache(new ImageStore(root)).get(descriptor(layer), source)).isEqualTo(dir);
    assertThat(opens).hasValue(1);
  }

  @Test
  void aDigestMismatchFailsAndLeavesNothingBehind() throws IOException {
    ImageStore store = new ImageStore(root);
    byte[] other = new TarBuilder().file("hello", "mars!").tarGz();
    Descriptor wanted = descriptor(layer);
    byte[] sameSize = java.util.Arrays.copyOf(other, layer.length);
    assertThatThrownBy(() -> cache(store).get(wanted, serving(sameSize)))
        .isInstanceOf(AinoException.class)
        .hasMessage(
            "ImagePullFailed: digest mismatch for layer "
                + wanted.digest()
                + ": content is "
                + Digest.of(sameSize));
    assertThat(children(root.resolve("layers/sha256"))).isEmpty();
    assertThat(children(root.resolve("tmp"))).isEmpty();
  }

  @Test
  void corruptGzipIsReportedAsTheDigestMismatchItIs() {
    ImageStore store = new ImageStore(root);
    byte[] corrupt = layer.clone();
    for (int i = 12; i < corrupt.length - 8; i++) {
      corrupt[i] = (byte) ~corrupt[i];
    }
    assertThatThrownBy(() -> cache(store).get(descriptor(layer), serving(corrupt)))
        .isInstanceOf(AinoException.class)
        .hasMessageStartingWith(
            "ImagePullFailed: digest mismatch for layer " + Digest.of(layer) + ": content is ");
  }

  @Test
  void moreBytesThanTheDescriptorSaysIsASizeMismatch() {
    ImageStore store = new ImageStore(root);
    byte[] longer = java.util.Arrays.copyOf(layer, layer.length + 100);
    assertThatThrownBy(() -> cache(store).get(descriptor(layer), serving(longer)))
        .hasMessageStartingWith(
            "ImagePullFailed: size mismatch for layer "
                + Digest.of(layer)
                + ": expected "
                + layer.length
                + " bytes, got ");
  }

  @Test
  void aBrokenDownloadIsUnavailableAndRetryable() {
    ImageStore store = new ImageStore(root);
    BlobSource breaking =
        d ->
            new InputStream() {
              private int sent;

              @Override
              public int read() throws IOException {
                if (sent >= 20) {
                  throw new IOException("connection reset");
                }
                return layer[sent++] & 0xff;
              }
            };
    assertThatThrownBy(() -> cache(store).get(descriptor(layer), breaking))
        .isInstanceOf(AinoException.class)
        .satisfies(e -> assertThat(((AinoException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessage(
            "ImagePullFailed: reading layer " + Digest.of(layer) + " broke off: connection reset");
    assertThat(cache(store).get(descriptor(layer), serving(layer)).resolve("hello"))
        .hasContent("world");
  }

  @Test
  void zstdLayersAreRefusedBeforeDownloading() {
    Descriptor zstd =
        new Descriptor(MediaTypes.OCI_LAYER_ZSTD, Digest.of(layer), layer.length, null, Map.of());
    assertThatThrownBy(
            () ->
                cache(new ImageStore(root))
                    .get(
                        zstd,
                        d -> {
                          throw new AssertionError("must not download");
                        }))
        .hasMessage(
            "ImagePullFailed: layer "
                + Digest.of(layer)
                + " is zstd-compressed (application/vnd.oci.image.layer.v1.tar+zstd);"
                + " aino unpacks gzip and uncompressed layers only");
  }

  @Test
  void concurrentRequestsForOneLayerShareOneDownload() throws Exception {
    LayerCache cache = cache(new ImageStore(root));
    AtomicInteger opens = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    BlobSource slow =
        d -> {
          opens.incrementAndGet();
          return new InputStream() {
            private final InputStream in = new ByteArrayInputStream(layer);

            @Override
            public int read() throws IOException {
              try {
                Thread.sleep(1); // slow enough for the others to pile up behind it
              } catch (InterruptedException e) {
                throw new IOException(e);
              }
              return in.read();
            }
          };
        };
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Path>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return cache.get(descriptor(layer), slow);
                }));
      }
      go.countDown();
      Path first = results.get(0).get(30, TimeUnit.SECONDS);
      for (Future<Path> r : results) {
        assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(opens).hasValue(1);
  }

  @Test
  void openingTheStoreEmptiesWhatACrashLeftInTmp() throws IOException {
    ImageStore store = new ImageStore(root);
    Path half = store.newTempDir("layer-crashed");
    Files.writeString(half.resolve("partial"), "half");
    new ImageStore(root);
    assertThat(children(root.resolve("tmp"))).isEmpty();
    assertThat(children(root.resolve("layers/sha256"))).isEmpty();
  }

  private static List<Path> children(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
