/**
 * The state store: one contract ({@link dev.aino.store.StateStore}), shared typed logic ({@link
 * dev.aino.store.KvStateStore}, with its event log, corrupt-record report and conflict errors in
 * classes of their own) and three backends: {@code memory}, {@code sqlite} (the embedded default)
 * and {@code etcd} (clusters).
 */
package dev.aino.store;
