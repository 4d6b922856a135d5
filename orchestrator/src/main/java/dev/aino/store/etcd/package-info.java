/**
 * The etcd backend of the state store ({@link dev.aino.store.etcd.EtcdStateStore}, over jetcd):
 * documents under a key namespace, batches as one etcd transaction, native watches that resume
 * after a reconnect, and event time-to-live through shared leases.
 */
package dev.aino.store.etcd;
