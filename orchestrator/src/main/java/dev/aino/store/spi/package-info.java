/**
 * What a backend implements: byte documents under string keys with revisions, atomic conditional
 * batches and ordered watches. {@link dev.aino.store.KvStateStore} turns that into the typed {@link
 * dev.aino.store.StateStore}; {@link dev.aino.store.spi.WatchHub} serves watches for backends
 * without a native change feed.
 */
package dev.aino.store.spi;
