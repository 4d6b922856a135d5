/**
 * Unpacking image layers (tar, gzip-compressed or not) into directories that overlayfs stacks as
 * read-only {@code lowerdir}s.
 *
 * <p>Whiteouts are converted to overlayfs form rather than applied by flattening, so every layer
 * stays one directory shared by all images that contain it: {@code .wh.<name>} becomes a character
 * device 0/0 named {@code <name>} ({@code mknod}), and {@code .wh..wh..opq} sets {@code
 * trusted.overlay.opaque=y} on its directory ({@code setfattr} from Debian's {@code attr}; Java
 * cannot set {@code trusted.*} attributes). Both need root, as mounting overlayfs for containers
 * does anyway; a layer that needs a mark that cannot be made fails with a message saying why,
 * rather than unpacking into something that would show deleted files.
 *
 * <p>Entries are written only below the layer directory: absolute names and {@code ..} components
 * are refused, every path is resolved component by component without following symbolic links (an
 * entry that would pass through one is refused), files are created with {@code O_EXCL} and {@code
 * O_NOFOLLOW}, and hard links may only point at entries of the same layer.
 */
package dev.aino.image.unpack;
