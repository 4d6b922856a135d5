/**
 * The embedded SQLite state store, the durable single-node default of {@code aino up}: one database
 * file in WAL mode, one writer connection under a lock, a small pool of reader connections, and an
 * exclusive lock file so that only one aino process uses a data directory.
 */
package dev.aino.store.sqlite;
