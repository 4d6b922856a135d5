/**
 * Unpacking image layers (tar, gzip-compressed or not) into directories that overlayfs stacks as
 * read-only {@code lowerdir}s.
 *
 * <p>Whiteouts are converted to overlayfs form rather than applied by flattening, so every layer
 * stays one directory shared by all images that contain it: {@code .wh.<name>} becomes a character
 * device 0/0 named {@code <name>} ({@code mknodat}), and {@code .wh..wh..opq} sets {@code
 * trusted.overlay.opaque=y} on its directory ({@code fsetxattr}; Java cannot set {@code trusted.*}
 * attributes). Both need root, as mounting overlayfs for containers does anyway; a layer that needs
 * a mark that cannot be made fails with a message saying why, rather than unpacking into something
 * that would show deleted files.
 *
 * <p>Entries are written only below the layer directory: absolute names and {@code ..} components
 * are refused, and every file operation is a libc {@code *at} call (JNA) relative to a directory
 * descriptor opened component by component from the layer's root with {@code O_NOFOLLOW|
 * O_DIRECTORY}, so a directory that a later entry replaced with a symbolic link is never followed,
 * not even when the directories' owners, modes and times are applied after the last entry. An entry
 * that would pass through a symbolic link is refused, files are created with {@code O_EXCL} and
 * {@code O_NOFOLLOW}, hard links may only point at entries of the same layer (a symbolic link is
 * linked itself), and owners, modes and times are set through the file's own descriptor, or for
 * links, devices and FIFOs with {@code AT_SYMLINK_NOFOLLOW}. Without root, owners are not set,
 * device nodes and FIFOs are skipped and set-user-ID and set-group-ID bits are dropped.
 */
package dev.aino.image.unpack;
