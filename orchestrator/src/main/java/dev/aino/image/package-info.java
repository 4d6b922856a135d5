/**
 * Images on a node: the {@link dev.aino.image.ImageService} contract that runtimes use to get
 * unpacked, read-only layers, and its implementations (registry client, OCI layouts, root dirs).
 */
package dev.aino.image;
