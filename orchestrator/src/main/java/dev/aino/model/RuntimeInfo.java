package dev.aino.model;

/**
 * A node's runtime fingerprint.
 *
 * @param name runtime name, e.g. {@code runc}, {@code youki}, {@code process}, {@code simulated}
 * @param version version string the runtime reported
 * @param isolating false for runtimes that run plain host processes and isolate nothing
 */
public record RuntimeInfo(String name, String version, boolean isolating) {
  public RuntimeInfo {
    Validate.nonBlank("runtime.name", name);
    version = Validate.text("runtime.version", version == null ? "" : version);
  }
}
