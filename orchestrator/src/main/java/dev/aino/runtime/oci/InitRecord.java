package dev.aino.runtime.oci;

import java.time.Instant;

/**
 * The container's init process as first seen: pid plus start time identify it even after the pid is
 * reused.
 *
 * @param pid the init's pid on the host
 * @param startTicks its start time from {@code /proc/<pid>/stat}; 0 when it ended too soon to read
 * @param startedAt when the driver saw it start (after an agent restart: when the runtime created
 *     the container)
 */
record InitRecord(long pid, long startTicks, Instant startedAt) {}
