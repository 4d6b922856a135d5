package dev.aino.image;

import dev.aino.error.ValidationException;
import dev.aino.model.ImageReference;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which host directories may serve as images ({@code rootfs:DIR} and {@code oci:DIR}): none unless
 * the server was started with {@code --allow-local-images DIR}. Such an image becomes a container's
 * root file system, so without this gate anyone who may apply a workload could run a container over
 * the host's root ({@code rootfs:/}) or read any directory of the host ({@code oci:/etc}).
 *
 * <p>An image directory is allowed when its real path (symbolic links resolved, where it exists)
 * lies below the real path of an allowed directory, so a link inside an allowed directory cannot
 * lead out of it.
 *
 * @param allowed absolute, normalised directories below which local images may be read
 */
public record LocalImages(List<Path> allowed) {
  /** The option that allows directories, as the refusal names it. */
  public static final String OPTION = "--allow-local-images";

  /** No local images at all: the default. */
  public static final LocalImages NONE = new LocalImages(List.of());

  /** Local images from any directory: for callers that checked them already, and tests. */
  public static final LocalImages ANYWHERE = new LocalImages(List.of(Path.of("/")));

  public LocalImages {
    List<Path> real = new ArrayList<>();
    for (Path dir : allowed == null ? List.<Path>of() : allowed) {
      if (dir == null || !dir.isAbsolute()) {
        throw new ValidationException(OPTION, "must be an absolute directory, got " + dir);
      }
      real.add(realPath(dir));
    }
    allowed = List.copyOf(real);
  }

  /**
   * Local images below {@code dirs}, as given to {@value #OPTION}.
   *
   * @throws ValidationException naming the option for a relative or malformed directory
   */
  public static LocalImages of(List<String> dirs) {
    List<Path> paths = new ArrayList<>();
    for (String dir : dirs == null ? List.<String>of() : dirs) {
      try {
        paths.add(Path.of(dir));
      } catch (InvalidPathException e) {
        throw new ValidationException(OPTION, "\"" + dir + "\" is not a valid path");
      }
    }
    return new LocalImages(paths);
  }

  /**
   * Refuses a local image outside the allowed directories; registry images always pass.
   *
   * @param field the path of the image field in the caller's input, e.g. {@code spec.image}
   * @throws ValidationException naming {@code field} and {@value #OPTION}
   */
  public void check(String field, ImageReference image) {
    if (image.source() == ImageReference.Source.REGISTRY) {
      return;
    }
    String kind = image.source() == ImageReference.Source.ROOTFS ? "rootfs:" : "oci:";
    if (allowed.isEmpty()) {
      throw new ValidationException(
          field,
          kind
              + " images read a directory of the server's host and are off; start the server"
              + " with "
              + OPTION
              + " DIR to allow images below DIR, or use a registry image");
    }
    Path dir = realPath(Path.of(image.repository()));
    for (Path allowedDir : allowed) {
      if (dir.startsWith(allowedDir)) {
        return;
      }
    }
    throw new ValidationException(
        field,
        kind
            + image.repository()
            + " is not below a directory allowed with "
            + OPTION
            + " ("
            + allowed.stream().map(Path::toString).collect(Collectors.joining(", "))
            + ")");
  }

  /** The path with links resolved where it exists; normalised as written where it does not. */
  private static Path realPath(Path path) {
    Path normal = path.toAbsolutePath().normalize();
    try {
      return normal.toRealPath();
    } catch (IOException e) {
      return normal;
    }
  }
}
