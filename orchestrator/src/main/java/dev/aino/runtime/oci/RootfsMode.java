package dev.aino.runtime.oci;

/** How the OCI driver makes a container's root filesystem. */
public enum RootfsMode {
  /** Overlayfs when a probe mount at start-up succeeds, else a copy (with a loud warning). */
  AUTO,
  /** Always overlayfs; a container whose overlay cannot be mounted fails to start. */
  OVERLAY,
  /** Always a copy of the layers: slow and disk-hungry, for hosts without overlayfs. */
  COPY
}
