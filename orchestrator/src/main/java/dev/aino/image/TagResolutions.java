package dev.aino.image;

import dev.aino.image.oci.Digest;
import dev.aino.model.ImageReference;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The digests that tags resolved to at their registries, each trusted for a short while. Tags move,
 * so a tag is resolved again once its resolution is older than the freshness window; within it, the
 * replicas of a workload started together (and restarts right after) run the same digest and a
 * start needs no registry round trip.
 */
final class TagResolutions {
  private record Resolution(Digest digest, long atNanos) {}

  private final long freshNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Resolution> byReference = new ConcurrentHashMap<>();

  /**
   * @param freshness how long a resolution is trusted; zero resolves every time
   * @param nanoClock monotonic nanoseconds, {@link System#nanoTime} outside tests
   */
  TagResolutions(Duration freshness, LongSupplier nanoClock) {
    this.freshNanos = freshness.toNanos();
    this.nanoClock = nanoClock;
  }

  /** The digest {@code image}'s tag resolved to within the freshness window, if any. */
  Optional<Digest> fresh(ImageReference image) {
    Resolution r = byReference.get(image.toString());
    if (r == null || nanoClock.getAsLong() - r.atNanos() >= freshNanos) {
      return Optional.empty();
    }
    return Optional.of(r.digest());
  }

  /** Remembers that {@code image}'s tag resolved to {@code digest} just now. */
  void resolved(ImageReference image, Digest digest) {
    if (freshNanos > 0) {
      byReference.put(image.toString(), new Resolution(digest, nanoClock.getAsLong()));
    }
  }
}
