package dev.aino.model;

/**
 * A node's runtime fingerprint.
 *
 * @param name runtime name, e.g. {@code runc}, {@code youki}, {@code process}, {@code simulated}
 * @param version version string the runtime reported
 * @param isolating false for runtimes that run plain host processes and isolate nothing
 * @param bridgeNetwork true when the runtime gives each container a network namespace and an
 *     address on the node's bridge ({@link NetworkMode#BRIDGE}); every runtime offers host
 */
public record RuntimeInfo(String name, String version, boolean isolating, boolean bridgeNetwork) {
  public RuntimeInfo {
    Validate.nonBlank("runtime.name", name);
    version = Validate.text("runtime.version", version == null ? "" : version);
  }

  /** A runtime that offers only host networking. */
  public RuntimeInfo(String name, String version, boolean isolating) {
    this(name, version, isolating, false);
  }

  /** Whether an instance on this runtime can use {@code mode}. */
  public boolean offers(NetworkMode mode) {
    return mode == NetworkMode.HOST || bridgeNetwork;
  }

  /** The mode an instance gets when its workload names none: bridge where offered, else host. */
  public NetworkMode defaultNetwork() {
    return bridgeNetwork ? NetworkMode.BRIDGE : NetworkMode.HOST;
  }
}
