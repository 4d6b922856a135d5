/**
 * The node's content store under one root directory (e.g. {@code <data-dir>/images/}): verified
 * blobs by digest ({@code blobs/sha256/<hex>}) and unpacked layers by the digest of their blob
 * ({@code layers/sha256/<hex>/}), shared by every image and instance.
 *
 * <p>Content becomes visible only by an atomic rename from {@code tmp/}, after its digest was
 * checked, so a crash or a failed download never leaves something that looks complete; {@code tmp/}
 * is emptied when the store opens. Concurrent requests for the same blob or layer in one JVM share
 * one download and unpack ({@link dev.aino.image.store.SingleFlight}).
 */
package dev.aino.image.store;
