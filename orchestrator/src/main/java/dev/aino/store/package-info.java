/**
 * The state store: one contract ({@link dev.aino.store.StateStore}), shared typed logic ({@link
 * dev.aino.store.KvStateStore}) and three backends: {@code memory}, {@code sqlite} (the embedded
 * default) and {@code etcd} (clusters).
 */
package dev.aino.store;
