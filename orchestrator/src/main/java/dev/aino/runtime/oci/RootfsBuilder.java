package dev.aino.runtime.oci;

import java.nio.file.Path;
import java.util.List;

/** Makes a bundle's writable root filesystem out of an image's read-only layers. */
interface RootfsBuilder {
  /** {@code overlay} or {@code copy}, as recorded in the bundle. */
  String mode();

  /**
   * Fills or mounts {@code bundle.rootfs()} from {@code layers} (lowest first).
   *
   * @throws dev.aino.error.RuntimeFailureException naming {@code owner} when it cannot
   */
  void build(Bundle bundle, List<Path> layers, String owner);

  /** Undoes {@link #build} (unmounts); idempotent. The bundle's files are deleted by the caller. */
  void release(Bundle bundle, String owner);
}
