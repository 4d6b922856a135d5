/**
 * Images on a node: the {@link dev.aino.image.ImageService} contract that runtimes use to get
 * unpacked, read-only layers, and its implementation {@link dev.aino.image.DefaultImageService} for
 * registry images ({@code registry/}), OCI image layouts and plain root directories, built on the
 * image format ({@code oci/}), the content store ({@code store/}) and the layer unpacker ({@code
 * unpack/}). Every failure is an {@link dev.aino.error.AinoException} whose message starts with
 * {@code ImagePullFailed: } and says what failed.
 */
package dev.aino.image;
