package dev.aino.runtime.oci;

import dev.aino.error.RuntimeFailureException;
import dev.aino.files.FileTrees;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback where overlayfs cannot be mounted: the layers are copied into the bundle's {@code
 * rootfs}, lowest first, each honouring the whiteouts of the layer format (a character device 0/0
 * or a {@code .wh.<name>} file deletes {@code name}; a {@code .wh..wh..opq} file empties its
 * directory). Ownership, permissions, times and symbolic links are kept; other device nodes, FIFOs
 * and sockets in layers are skipped (the runtime creates {@code /dev} itself). Overlayfs' own
 * opaque marker, the {@code trusted.overlay.opaque} extended attribute, cannot be read from Java
 * and is not honoured.
 *
 * <p>It costs a full copy of the image per container, in time and disk, which is why the driver
 * logs loudly when it falls back to it.
 */
final class CopiedRootfs implements RootfsBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(CopiedRootfs.class);
  private static final String WHITEOUT_PREFIX = ".wh.";
  private static final String OPAQUE_MARKER = ".wh..wh..opq";
  private static final int S_IFMT = 0170000;
  private static final int S_IFCHR = 0020000;

  @Override
  public String mode() {
    return "copy";
  }

  @Override
  public void build(Bundle bundle, List<Path> layers, String owner) {
    try {
      Files.createDirectories(bundle.rootfs());
      for (Path layer : layers) {
        apply(layer, bundle.rootfs());
      }
    } catch (IOException e) {
      throw new RuntimeFailureException(
          "copying the image into the root filesystem of " + owner + ": " + e, e);
    }
  }

  @Override
  public void release(Bundle bundle, String owner) {
    // Nothing mounted: the copy goes with the bundle.
  }

  private static void apply(Path layer, Path target) throws IOException {
    Files.walkFileTree(
        layer,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path dest = target.resolve(layer.relativize(dir).toString());
            if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
              if (Files.exists(dir.resolve(OPAQUE_MARKER), LinkOption.NOFOLLOW_LINKS)) {
                emptyDirectory(dest);
              }
              return FileVisitResult.CONTINUE;
            }
            FileTrees.delete(dest);
            Files.copy(dir, dest, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = file.getFileName().toString();
            Path dest = target.resolve(layer.relativize(file).toString());
            if (name.equals(OPAQUE_MARKER)) {
              return FileVisitResult.CONTINUE;
            }
            if (name.startsWith(WHITEOUT_PREFIX)) {
              FileTrees.delete(dest.resolveSibling(name.substring(WHITEOUT_PREFIX.length())));
              return FileVisitResult.CONTINUE;
            }
            if (attrs.isOther()) {
              if (isWhiteoutDevice(file)) {
                FileTrees.delete(dest);
              } else {
                LOG.debug("skipping special file {} of layer {}", file, layer);
              }
              return FileVisitResult.CONTINUE;
            }
            FileTrees.delete(dest);
            Files.copy(
                file,
                dest,
                StandardCopyOption.COPY_ATTRIBUTES,
                StandardCopyOption.REPLACE_EXISTING,
                LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static boolean isWhiteoutDevice(Path file) throws IOException {
    int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    long rdev = (Long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
    return (mode & S_IFMT) == S_IFCHR && rdev == 0;
  }

  private static void emptyDirectory(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        FileTrees.delete(child);
      }
    }
  }
}
