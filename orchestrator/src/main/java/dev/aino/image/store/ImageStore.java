package dev.aino.image.store;

import dev.aino.files.FileTrees;
import dev.aino.image.oci.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The directory layout of the content store and its one way of publishing content: build it in
 * {@code tmp/}, then rename it into place.
 */
public final class ImageStore {
  private final Path root;
  private final Path blobs;
  private final Path layers;
  private final Path tmp;

  /**
   * Opens (creating when missing) the store under {@code root} and empties its {@code tmp/}, which
   * only holds what an earlier process left half done.
   */
  public ImageStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.blobs = this.root.resolve("blobs").resolve(Digest.SHA256);
    this.layers = this.root.resolve("layers").resolve(Digest.SHA256);
    this.tmp = this.root.resolve("tmp");
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(layers);
      if (Files.exists(tmp)) {
        FileTrees.delete(tmp);
      }
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the image store at " + this.root, e);
    }
  }

  public Path root() {
    return root;
  }

  /** Where a verified blob lives; it exists only once complete. */
  public Path blobPath(Digest digest) {
    return blobs.resolve(digest.hex());
  }

  /** Where a layer is unpacked; it exists only once complete. */
  public Path layerPath(Digest digest) {
    return layers.resolve(digest.hex());
  }

  /** A new, empty file in {@code tmp/} on the store's file system. */
  public Path newTempFile(String label) throws IOException {
    return Files.createTempFile(tmp, label + "-", ".part");
  }

  /** A new, empty directory in {@code tmp/} on the store's file system. */
  public Path newTempDir(String label) throws IOException {
    return Files.createTempDirectory(tmp, label + "-");
  }

  /**
   * Renames finished content into place atomically. When another writer got there first (same
   * digest, so same content), its copy stays and {@code temp} is deleted.
   */
  public void publish(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      FileTrees.delete(temp);
    } catch (AccessDeniedException e) {
      // rename(2) onto an existing non-empty directory can also be reported this way
      if (!Files.exists(target)) {
        throw e;
      }
      FileTrees.delete(temp);
    }
  }

  /**
   * As {@link FileTrees#delete(Path)}, for clean-up after a failure that is already being reported.
   */
  static void deleteQuietly(Path path) {
    try {
      FileTrees.delete(path);
    } catch (IOException ignored) {
      // tmp/ is emptied on the next start anyway
    }
  }
}
