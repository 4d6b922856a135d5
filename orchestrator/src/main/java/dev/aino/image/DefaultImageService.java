package dev.aino.image;

import dev.aino.error.ValidationException;
import dev.aino.image.oci.Platform;
import dev.aino.image.registry.RegistryClient;
import dev.aino.image.registry.RegistryConfig;
import dev.aino.image.store.BlobCache;
import dev.aino.image.store.ImageStore;
import dev.aino.image.store.LayerCache;
import dev.aino.image.store.SingleFlight;
import dev.aino.image.unpack.LayerUnpacker;
import dev.aino.metrics.Metrics;
import dev.aino.metrics.PullResult;
import dev.aino.model.ImageReference;
import dev.aino.model.Validate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's image service: registry images, OCI image layouts and plain root directories, with one
 * content store (blobs and unpacked layers by digest) shared by all of them. Concurrent requests
 * for the same reference share one preparation; different images share layers.
 */
public final class DefaultImageService implements ImageService {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultImageService.class);

  /** Image versions whose preparation was logged at info; forgotten all at once past this. */
  private static final int MAX_ANNOUNCED = 1024;

  /**
   * How long a tag's resolution at its registry is trusted: long enough that the replicas of a
   * workload started together pull one manifest, short enough that a moved tag is seen soon.
   */
  static final Duration TAG_FRESHNESS = Duration.ofSeconds(10);

  private final ImageStore store;
  private final RegistrySource registry;
  private final OciLayoutSource layouts;
  private final LocalImages localImages;
  private final Metrics metrics;
  private final RootfsSource rootfs = new RootfsSource();
  private final SingleFlight<String, PreparedImage> preparing = new SingleFlight<>();
  private final Set<String> announced = ConcurrentHashMap.newKeySet();

  /**
   * An image service for this host's platform.
   *
   * @param storeRoot the content store's directory, e.g. {@code <data-dir>/images}
   * @param registries how to reach registries (insecure hosts, credentials, timeouts)
   */
  public DefaultImageService(Path storeRoot, RegistryConfig registries) {
    this(storeRoot, registries, Platform.host());
  }

  /**
   * An image service for this host's platform that reads {@code rootfs:} and {@code oci:} images
   * only where {@code localImages} allows: a server's node, where the facade checked the spec when
   * it was applied, but a workload stored before the server was restarted without {@code
   * --allow-local-images} was not.
   */
  public DefaultImageService(Path storeRoot, RegistryConfig registries, LocalImages localImages) {
    this(storeRoot, registries, localImages, Metrics.NONE);
  }

  /**
   * As {@link #DefaultImageService(Path, RegistryConfig, LocalImages)}, reporting every pull from a
   * registry (success or failure) and the bytes read from registries to {@code metrics}.
   */
  public DefaultImageService(
      Path storeRoot, RegistryConfig registries, LocalImages localImages, Metrics metrics) {
    this(
        storeRoot,
        registries,
        Platform.host(),
        new TagResolutions(TAG_FRESHNESS, System::nanoTime),
        localImages,
        metrics);
  }

  /** An image service that picks {@code platform} from multi-platform images. */
  public DefaultImageService(Path storeRoot, RegistryConfig registries, Platform platform) {
    this(storeRoot, registries, platform, new TagResolutions(TAG_FRESHNESS, System::nanoTime));
  }

  /** Reads local images from any directory: for callers that check them first, and tests. */
  DefaultImageService(
      Path storeRoot, RegistryConfig registries, Platform platform, TagResolutions tags) {
    this(storeRoot, registries, platform, tags, LocalImages.ANYWHERE, Metrics.NONE);
  }

  private DefaultImageService(
      Path storeRoot,
      RegistryConfig registries,
      Platform platform,
      TagResolutions tags,
      LocalImages localImages,
      Metrics metrics) {
    this.localImages = localImages;
    this.metrics = metrics;
    this.store = new ImageStore(storeRoot);
    BlobCache blobs = new BlobCache(store);
    LayerCache layers = new LayerCache(store, LayerUnpacker.forThisProcess());
    ImageAssembler assembler = new ImageAssembler(blobs, layers, platform);
    this.registry =
        new RegistrySource(new RegistryClient(registries, metrics), blobs, assembler, tags);
    this.layouts = new OciLayoutSource(assembler);
  }

  /** The content store's directory. */
  public Path storeRoot() {
    return store.root();
  }

  @Override
  public PreparedImage prepare(ImageReference image) {
    Validate.required("image", image);
    return preparing.run(image.toString(), () -> prepareNow(image));
  }

  /** Prepares a registry image, counting the pull and whether it failed. */
  private PreparedImage pull(ImageReference image) {
    PreparedImage prepared;
    try {
      prepared = registry.prepare(image);
    } catch (RuntimeException e) {
      metrics.imagePull(PullResult.FAILURE);
      throw e;
    }
    metrics.imagePull(PullResult.SUCCESS);
    return prepared;
  }

  private PreparedImage prepareNow(ImageReference image) {
    long started = System.nanoTime();
    try {
      localImages.check("image", image);
    } catch (ValidationException e) {
      throw ImagePullErrors.failed("image " + image + ": " + e.reason());
    }
    PreparedImage prepared =
        switch (image.source()) {
          case REGISTRY -> pull(image);
          case OCI_LAYOUT -> layouts.prepare(image);
          case ROOTFS -> rootfs.prepare(image);
        };
    // Once per image version at info: every container start prepares its image, mostly from
    // memory, and saying so each time would bury the log.
    boolean first = announced.add(image + "@" + prepared.digest());
    if (announced.size() > MAX_ANNOUNCED) {
      announced.clear();
    }
    if (first || LOG.isDebugEnabled()) {
      String message = "prepared image {} ({}, {} layers) in {} ms";
      Object[] args = {
        image,
        prepared.digest(),
        prepared.layers().size(),
        (System.nanoTime() - started) / 1_000_000
      };
      if (first) {
        LOG.info(message, args);
      } else {
        LOG.debug(message, args);
      }
    }
    return prepared;
  }
}
