package dev.aino.runtime.oci;

import dev.aino.error.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An overlayfs root: the image's layers as {@code lowerdir} (highest first), the container's writes
 * in the bundle's {@code upper} directory. Mounted by a {@link Mounter} and unmounted on release.
 * Layers stay shared and untouched; starting a container copies nothing.
 */
final class OverlayRootfs implements RootfsBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(OverlayRootfs.class);

  /** Mount options must fit in one page; leave room for the kernel's own additions. */
  private static final int MAX_OPTIONS = 4000;

  private final Mounter mounter;

  OverlayRootfs(Mounter mounter) {
    this.mounter = mounter;
  }

  /**
   * Mounts and unmounts a throw-away overlay under {@code scratch}: empty when overlayfs works
   * here, else what failed.
   */
  static Optional<String> probe(Path scratch, Mounter mounter) {
    Path dir = scratch.resolve("overlay-probe");
    Bundle probe = new Bundle(dir);
    OverlayRootfs overlay = new OverlayRootfs(mounter);
    try {
      Files.createDirectories(dir.resolve("lower"));
      overlay.build(probe, List.of(dir.resolve("lower")), "the overlayfs probe");
      overlay.release(probe, "the overlayfs probe");
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(e.getMessage());
    } finally {
      try {
        if (!MountTable.isMountPoint(probe.rootfs())) {
          probe.delete();
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("could not remove {}: {}", dir, e.toString());
      }
    }
  }

  @Override
  public String mode() {
    return "overlay";
  }

  @Override
  public void build(Bundle bundle, List<Path> layers, String owner) {
    List<Path> highestFirst = new ArrayList<>(layers);
    Collections.reverse(highestFirst);
    List<String> lower = new ArrayList<>();
    for (Path layer : highestFirst) {
      lower.add(safe(layer, owner));
    }
    String options =
        "lowerdir="
            + String.join(":", lower)
            + ",upperdir="
            + safe(bundle.upper(), owner)
            + ",workdir="
            + safe(bundle.work(), owner);
    if (options.length() > MAX_OPTIONS) {
      throw new RuntimeFailureException(
          "mounting the root filesystem of "
              + owner
              + ": "
              + layers.size()
              + " layers make overlay mount options of "
              + options.length()
              + " characters, more than the kernel's limit of about "
              + MAX_OPTIONS
              + "; use a shorter data directory path or an image with fewer layers");
    }
    try {
      Files.createDirectories(bundle.upper());
      Files.createDirectories(bundle.work());
      Files.createDirectories(bundle.rootfs());
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "preparing the root filesystem of " + owner + ": " + e.getMessage(), e);
    }
    try {
      mounter.mountOverlay(options, bundle.rootfs());
    } catch (Mounter.MountException e) {
      throw new RuntimeFailureException(
          "mounting the overlay root filesystem of " + owner + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void release(Bundle bundle, String owner) {
    if (!MountTable.isMountPoint(bundle.rootfs())) {
      return;
    }
    try {
      mounter.unmount(bundle.rootfs(), false);
      return;
    } catch (Mounter.MountException e) {
      // Busy (a process outside the container still has a file open in it): detach it now; the
      // kernel frees it once the last user is gone.
      LOG.warn(
          "unmounting the root filesystem of {} failed ({}); detaching it lazily",
          owner,
          e.getMessage());
    }
    try {
      mounter.unmount(bundle.rootfs(), true);
    } catch (Mounter.MountException e) {
      throw new RuntimeFailureException(
          "unmounting the root filesystem of " + owner + ": " + e.getMessage(), e);
    }
  }

  /**
   * overlayfs splits its options on ',' and ':' (and unescapes '\'); paths with them are refused.
   */
  private static String safe(Path path, String owner) {
    String text = path.toAbsolutePath().normalize().toString();
    if (text.contains(",") || text.contains(":") || text.contains("\\")) {
      throw new RuntimeFailureException(
          "mounting the root filesystem of "
              + owner
              + ": the path "
              + text
              + " contains ',', ':' or '\\', which overlayfs mount options cannot carry");
    }
    return text;
  }
}
