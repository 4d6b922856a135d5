package dev.aino.runtime.oci;

import java.time.Instant;

/**
 * What aino writes into a bundle before anything else, so a restarted agent can tell which
 * container a bundle holds and how its root filesystem was made.
 *
 * @param containerId the container's id in the OCI runtime
 * @param instanceId the instance it runs
 * @param cgroupsPath the {@code linux.cgroupsPath} it was given
 * @param rootfs {@code overlay} or {@code copy}
 * @param createdAt when the bundle was made
 */
record BundleRecord(
    String containerId, String instanceId, String cgroupsPath, String rootfs, Instant createdAt) {}
