/**
 * The OCI image format as aino reads it: content digests, descriptors, platforms, image manifests
 * and indexes (OCI and Docker schema 2 media types), and the runtime part of an image
 * configuration. Parsing only; nothing here touches the network or the disk.
 */
package dev.aino.image.oci;
